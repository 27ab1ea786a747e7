import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CHILD_KILL_MS } from "../../../../../test-support/child-deadlines.ts";

const packageDir = fileURLToPath(new URL("../../", import.meta.url));
const register = fileURLToPath(
  new URL("../../../../../test-support/register-ts-source.mjs", import.meta.url),
);

/**
 * Runs an example file as its own Node process, the way a user would run it,
 * on this package's sources, and returns its stdout lines.
 */
export async function runExample(file: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions=@gentletask/source", "--import", register, file],
    { cwd: packageDir, timeout: CHILD_KILL_MS },
  );
  return stdout.split("\n").filter((line) => line.length > 0);
}

import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const distEntry = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

function newestSource(): number {
  const dir = fileURLToPath(new URL("../../src", import.meta.url));
  return Math.max(...readdirSync(dir).map((file) => statSync(`${dir}/${file}`).mtimeMs));
}

let built = false;

/**
 * The built entry point, for tests that need a fresh process: builds the
 * package first when `dist` is missing or older than `src` (CI builds first).
 */
export function builtEntry(): string {
  if (!built) {
    let stale = true;
    try {
      stale = statSync(distEntry).mtimeMs < newestSource();
    } catch {}
    if (stale) {
      execFileSync(process.execPath, [tscPath(), "-p", "tsconfig.build.json"], {
        cwd: packageDir,
        stdio: "pipe",
      });
    }
    built = true;
  }
  return distEntry;
}

function tscPath(): string {
  return fileURLToPath(new URL("../../../../node_modules/typescript/bin/tsc", import.meta.url));
}

export interface ChildResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `script` (an ES module; `TASKS` is the built package's URL) in a
 * fresh Node process and returns its exit status and output.
 */
export function runScript(script: string, nodeArgs: readonly string[] = []): ChildResult {
  const entry = builtEntry();
  const source = `const TASKS = ${JSON.stringify(new URL(`file://${entry}`).href)};\n${script}`;
  const result = spawnSync(process.execPath, [...nodeArgs, "--input-type=module", "-e", source], {
    cwd: packageDir,
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

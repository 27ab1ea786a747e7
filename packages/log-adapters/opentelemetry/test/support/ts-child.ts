import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const register = fileURLToPath(
  new URL("../../../../../test-support/register-ts-source.mjs", import.meta.url),
);

/** A child Node process and what it has written, line by line. */
export interface TsChild {
  readonly process: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first line (seen so far or later) that `match` accepts. */
  line(match: (line: string) => boolean): Promise<string>;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  /** Everything the process wrote to stderr, for failure messages. */
  stderr(): string;
}

/**
 * Starts a fresh Node process (the test's own binary) running a TypeScript
 * file against the workspace sources (see `ts-source-hooks.mjs`): no build
 * needed, and always the code under test.
 */
export function spawnTsChild(file: URL, args: string[] = []): TsChild {
  const child = spawn(
    process.execPath,
    ["--conditions=@gentletask/source", "--import", register, fileURLToPath(file), ...args],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  const waiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let errors = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    errors += chunk;
  });
  // "close", not "exit": by then every line the child wrote has been read.
  const exited = new Promise<number | null>((resolve) =>
    child.once("close", (code) => resolve(code)),
  );
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.match(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  return {
    process: child,
    lines,
    exited,
    stderr: () => errors,
    line(match) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then((code) =>
          reject(new Error(`child exited (${code}) before the line came; stderr:\n${errors}`)),
        );
      });
    },
  };
}

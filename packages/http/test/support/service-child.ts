import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CHILD_KILL_MS } from "../../../../test-support/child-deadlines.ts";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const loader = fileURLToPath(
  new URL("../../../../test-support/register-ts-source.mjs", import.meta.url),
);

/**
 * A fresh Node process running `script` (an ES module that may import
 * `@gentletask/*`, resolved to their TypeScript sources, and the package's
 * devDependencies), to send real signals to and feed lines on standard input.
 */
export class ServiceChild {
  readonly process: ChildProcess;
  stdout = "";
  stderr = "";
  /** Whether the child has exited and all its output has been read. */
  closed = false;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(script: string) {
    this.process = spawn(
      process.execPath,
      ["--conditions=@gentletask/source", "--import", loader, "--input-type=module", "-e", script],
      { cwd: packageDir, stdio: ["pipe", "pipe", "pipe"] },
    );
    this.process.stdout?.on("data", (chunk: Buffer) => {
      this.stdout += chunk.toString("utf8");
    });
    this.process.stderr?.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString("utf8");
    });
    // "close", not "exit": a child's exit can be seen before the last of its
    // output is read, and the tests read the whole output once it has exited.
    this.exited = new Promise((resolve) =>
      this.process.once("close", (code, signal) => {
        this.closed = true;
        resolve({ code, signal });
      }),
    );
  }

  /** Resolves with the first line of standard output or error that matches, once it is there. */
  async waitFor(pattern: RegExp, timeoutMs = CHILD_KILL_MS): Promise<string> {
    const start = Date.now();
    for (;;) {
      const line = `${this.stdout}\n${this.stderr}`.split("\n").find((l) => pattern.test(l));
      if (line !== undefined) return line;
      if (Date.now() - start > timeoutMs || this.closed) {
        this.process.kill("SIGKILL");
        throw new Error(`never saw ${pattern}; stdout: ${this.stdout}; stderr: ${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Writes a line to the child's standard input. */
  send(line: string): void {
    this.process.stdin?.write(`${line}\n`);
  }

  kill(signal: NodeJS.Signals): void {
    this.process.kill(signal);
  }
}

const running: ServiceChild[] = [];

/** Starts a child that {@link killLeftovers} kills should a test end early. */
export function startChild(script: string): ServiceChild {
  const child = new ServiceChild(script);
  running.push(child);
  return child;
}

/** For `afterEach`: no child outlives its test. */
export function killLeftovers(): void {
  for (const child of running.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill("SIGKILL");
    }
  }
}

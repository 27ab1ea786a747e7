import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { builtEntry } from "./child-process.ts";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

/** A fresh Node process running `script` (`TASKS` is the built package's URL), to send real signals to. */
export class SignalChild {
  readonly process: ChildProcess;
  stdout = "";
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(script: string) {
    const entry = builtEntry();
    const source = `const TASKS = ${JSON.stringify(new URL(`file://${entry}`).href)};\n${script}`;
    this.process = spawn(process.execPath, ["--input-type=module", "-e", source], {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.process.stdout?.on("data", (chunk: Buffer) => {
      this.stdout += chunk.toString("utf8");
    });
    this.process.stderr?.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString("utf8");
    });
    // "close", not "exit": a child's exit can be seen before the last of its
    // output is read, and the tests read the whole output once it has exited.
    this.exited = new Promise((resolve) =>
      this.process.once("close", (code, signal) => resolve({ code, signal })),
    );
  }

  /** Resolves once standard output (or error) contains `text`. */
  async waitFor(text: string, timeoutMs = 30_000): Promise<void> {
    const start = Date.now();
    while (!this.stdout.includes(text) && !this.stderr.includes(text)) {
      if (Date.now() - start > timeoutMs) {
        this.process.kill("SIGKILL");
        throw new Error(
          `never saw ${JSON.stringify(text)}; stdout: ${this.stdout}; stderr: ${this.stderr}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  kill(signal: NodeJS.Signals): void {
    this.process.kill(signal);
  }
}

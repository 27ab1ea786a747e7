import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const batchScript = fileURLToPath(new URL("../dist/batch.js", import.meta.url));

/** After its result line, a batch must end on its own within this: nothing may keep it alive. */
const EXIT_AFTER_RESULT_MS = 15_000;
/** A batch that has not printed its result by then is stuck (its programs have their own deadlines). */
const RESULT_WITHIN_MS = 100_000;

export interface BatchReport {
  seed?: number;
  runs?: number;
  ms?: number;
  ok: boolean;
  path?: string;
  program?: string;
  programJson?: string;
  violations?: { invariant: string; detail: string }[];
}

/** Runs `node dist/batch.js ...args` and gives its report, or fails if it does not exit on its own. */
export function runBatch(args: string[]): Promise<BatchReport> {
  if (!existsSync(batchScript)) {
    throw new Error("build first: pnpm --filter @gentletask/property-tests... build");
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [batchScript, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let exitTimer: ReturnType<typeof setTimeout> | undefined;
    const stuck = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(
          `batch ${args.join(" ")} printed no result within ${RESULT_WITHIN_MS} ms\n${stderr}`,
        ),
      );
    }, RESULT_WITHIN_MS);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("\n") && exitTimer === undefined) {
        clearTimeout(stuck);
        exitTimer = setTimeout(() => {
          child.kill("SIGKILL");
          reject(
            new Error(
              `batch ${args.join(" ")} did not exit on its own within ${EXIT_AFTER_RESULT_MS} ms of its result: a timer or listener was left behind\n${stdout}`,
            ),
          );
        }, EXIT_AFTER_RESULT_MS);
      }
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    // "close", not "exit": the report must have been read whole.
    child.on("close", (code, signal) => {
      clearTimeout(stuck);
      clearTimeout(exitTimer);
      if (code !== 0) {
        reject(
          new Error(`batch ${args.join(" ")} exited with ${code ?? signal}\n${stdout}\n${stderr}`),
        );
        return;
      }
      try {
        resolve(JSON.parse(stdout.trim().split("\n")[0] as string) as BatchReport);
      } catch {
        reject(new Error(`batch ${args.join(" ")} printed no report\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** A failure report a reader can replay. */
export function explain(args: string[], report: BatchReport): string {
  const lines = [
    `batch ${args.join(" ")} broke an invariant${report.seed === undefined ? "" : ` (seed ${report.seed}, after ${report.runs} programs, path ${report.path})`}:`,
    ...(report.violations ?? []).map((v) => `  ${v.invariant}: ${v.detail}`),
    "program:",
    report.program ?? "",
  ];
  if (args[0] !== "program") {
    lines.push(
      "replay the batch with:",
      `  node packages/property-tests/dist/batch.js ${args.join(" ")}`,
    );
  }
  if (report.programJson !== undefined) {
    lines.push(
      "replay the shrunk program with:",
      `  node packages/property-tests/dist/batch.js program '${report.programJson}' ${args[2]}`,
    );
  }
  return lines.join("\n");
}

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, test } from "vitest";
import { requireBuild } from "./support.js";

beforeAll(requireBuild);

// A hang guard, not a measure of speed: about a minute on a quiet machine,
// 150 s at a load average of 15 and over 290 s at 25 (two cores).
const KILL_AFTER_MS = 600_000;

test(
  "1,000 thread tasks in sequence (200 on threads of their own, some crashing, some stopped; 800 ThreadWorker jobs) leave no thread, handle, listener or heap behind",
  async () => {
    const script = fileURLToPath(new URL("./fixtures/thousand-threads.mjs", import.meta.url));
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--expose-gc", script], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk) => {
        out += chunk;
      });
      child.stderr.on("data", (chunk) => {
        err += chunk;
      });
      const killer = setTimeout(() => {
        child.kill();
        reject(new Error(`still running after ${KILL_AFTER_MS / 1000} s\n${err}`));
      }, KILL_AFTER_MS);
      child.on("error", reject);
      child.on("close", (exitCode) => {
        clearTimeout(killer);
        resolve({ code: exitCode, stdout: out, stderr: err });
      });
    });
    expect(stderr).toBe("");
    expect(code).toBe(0); // and it exited on its own: nothing kept it alive
    const report = JSON.parse(stdout);
    // No thread, port, timer or socket of ours is left.
    expect(
      report.resources.filter((name: string) => name !== "PipeWrap" && name !== "TTYWrap"),
    ).toEqual([]);
    expect(report.listenersAtEnd).toEqual(report.listenersAtStart);
    // Node itself keeps a few hundred bytes per Worker ever started (~280 B
    // measured with bare Workers); a retained task, thread host or Worker
    // would cost several KB each time.
    expect(report.heapGrowthKb).toBeLessThan(1024);
  },
  KILL_AFTER_MS + 20_000,
);

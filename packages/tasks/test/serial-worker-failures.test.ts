import { expect, test } from "vitest";
import { ManualTask, SerialWorker, Stopped, spawn } from "../src/index.ts";
import { runScript } from "./support/child-process.ts";
import { nextTurn } from "./support/turns.ts";

// A stopped running job completes with `Stopped` at once, so its waiters
// wake; a failure its body throws after that can reach none of them, so it
// must go up: past the worker (settled by the same stop) to its owner.

/** A job that waits until it is stopped, then fails in its cleanup. */
function failsAfterStop(error: Error): () => Promise<void> {
  return async () => {
    try {
      await new ManualTask().wait();
    } finally {
      // biome-ignore lint/correctness/noUnsafeFinally: the failure under test.
      throw error;
    }
  };
}

test("a stopped job whose cleanup throws fails the worker's owner (property seeds 33 and 44)", async () => {
  const failure = new Error("job cleanup failed");
  let job!: ReturnType<SerialWorker["submit"]>;
  const owner = spawn(
    async () => {
      const worker = new SerialWorker("db");
      job = worker.submit(failsAfterStop(failure), { name: "job" });
      await new ManualTask();
    },
    { name: "owner" },
  );
  await nextTurn();
  await owner.stop("SIGINT");
  // The job's own waiters got the stop; the failure went up to the owner.
  await expect(job.wait()).rejects.toBeInstanceOf(Stopped);
  await expect(owner.wait()).rejects.toBe(failure);
});

test("the same failure under a worker with no owner is raised as an unhandled rejection naming the job", () => {
  // A real unhandled rejection: in a fresh process that records it.
  const result = runScript(`
    const rejections = [];
    process.on("unhandledRejection", (reason) => rejections.push(reason));
    const { ManualTask, SerialWorker } = await import(TASKS);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const failure = new Error("job cleanup failed");
    const worker = new SerialWorker("db");
    worker.submit(async () => {
      try { await new ManualTask().wait(); } finally { throw failure; }
    }, { name: "job" });
    await turn();
    await worker.stop({ drain: false });
    await turn(); await turn();
    console.log(JSON.stringify(rejections.map((e) => [String(e), e.cause === failure])));
  `);
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual([
    ['TaskFailedError: task "job" failed: Error: job cleanup failed', true],
  ]);
});

test("a job that fails just before its owner's body exits still fails the owner (property seed 513956581)", async () => {
  const failure = new Error("job failed");
  const owner = spawn(
    async () => {
      const worker = new SerialWorker("db");
      worker.submit(
        async () => {
          throw failure;
        },
        { name: "job" },
      );
      // A few microtasks: the job fails, then this body exits (stopping the
      // worker, which settles at once) before the unobserved-failure check.
      for (let i = 0; i < 5; i++) await null;
    },
    { name: "owner" },
  );
  await expect(owner.wait()).rejects.toBe(failure);
});

import { AsyncLocalStorage } from "node:async_hooks";
import { SemanticStack, throughline } from "@gentletask/semantic-stack";
import { runShielded } from "@gentletask/semantic-stack/task-record";
import { expect, test } from "vitest";
import { currentTask, ManualTask, SerialWorker, Stopped, spawn, taskChain } from "../src/index.ts";
import { deferred, nextTurn } from "./support/turns.ts";

test("jobs run one at a time, in submission order", async () => {
  const worker = new SerialWorker("ordered");
  const events: string[] = [];
  let running = 0;
  const jobs = [1, 2, 3, 4].map((n) =>
    worker.submit(async () => {
      running += 1;
      expect(running).toBe(1);
      events.push(`start ${n}`);
      await nextTurn();
      events.push(`end ${n}`);
      running -= 1;
      return n;
    }),
  );
  expect(await Promise.all(jobs)).toEqual([1, 2, 3, 4]);
  expect(events).toEqual([
    "start 1",
    "end 1",
    "start 2",
    "end 2",
    "start 3",
    "end 3",
    "start 4",
    "end 4",
  ]);
  await worker.stop();
});

test("a body never starts before submit returns", async () => {
  const worker = new SerialWorker();
  const events: string[] = [];
  const job = worker.submit(() => events.push("job"));
  events.push("submitted");
  await job;
  expect(events).toEqual(["submitted", "job"]);
  await worker.stop();
});

test("a job sees the submitter's chain plus its own name, and the submitter's task underneath", async () => {
  const worker = new SerialWorker("io-worker");
  const fromFrame = await throughline.run({ name: "request_handler" }, () =>
    worker.submit((label: string) => ({ label, chain: taskChain() }), {
      args: ["a"],
      name: "job-a",
    }),
  );
  expect(fromFrame).toEqual({ label: "a", chain: ["request_handler", "job-a"] });
  expect(await worker.submit(() => taskChain(), { name: "job-b" })).toEqual(["job-b"]);
  const fromTask = await spawn(
    async () => {
      const job = worker.submit(() => ({ chain: taskChain(), current: currentTask()?.name }), {
        name: "job-c",
      });
      return await job;
    },
    { name: "submitter" },
  );
  expect(fromTask).toEqual({ chain: ["submitter", "job-c"], current: "job-c" });
  await worker.stop();
});

test("100 concurrent flows each see their own context in their job", async () => {
  const worker = new SerialWorker();
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      throughline.run({ name: `flow-${i}` }, async () => {
        await nextTurn();
        return worker.submit(
          async () => {
            await nextTurn();
            return taskChain();
          },
          { name: "job" },
        );
      }),
    ),
  );
  results.forEach((chain, i) => {
    expect(chain).toEqual([`flow-${i}`, "job"]);
  });
  await worker.stop();
});

test("a queued job that is stopped never runs and completes with Stopped", async () => {
  const worker = new SerialWorker();
  const gate = new ManualTask<void>();
  let ran = false;
  const first = worker.submit(() => gate.wait());
  const queued = worker.submit(() => {
    ran = true;
  });
  await queued.stop("not needed");
  expect(queued.isDone).toBe(true);
  const error = await queued.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe("not needed");
  gate.resolve();
  await first;
  await worker.stop();
  expect(ran).toBe(false);
});

test("a running job that is stopped completes at once; the next starts only after its body exited", async () => {
  const worker = new SerialWorker();
  const events: string[] = [];
  // The body exits only when the test releases it (not after a timer, which
  // a slow machine could let fire before the stop): it ignores the stop.
  const release = deferred();
  const slow = worker.submit(async () => {
    await release.promise;
    events.push("first body exited");
  });
  const next = worker.submit(() => events.push("second job started"));
  let stopResolved = false;
  await nextTurn();
  const stopped = Promise.resolve(slow.stop("hurry")).then(() => {
    stopResolved = true;
  });
  await expect(slow.wait()).rejects.toBeInstanceOf(Stopped);
  expect(slow.isDone).toBe(true);
  events.push("waiter woke");
  // While the body runs, the stop stays pending and the next job waits.
  for (let turn = 0; turn < 5; turn++) await nextTurn();
  expect([events, stopResolved]).toEqual([["waiter woke"], false]);
  release.resolve();
  await stopped;
  events.push("stop resolved");
  await next;
  // The waiter woke before the body exited; the stop resolved and the next
  // job started only once it had.
  expect(events.slice(0, 2)).toEqual(["waiter woke", "first body exited"]);
  expect(events.slice(2).sort()).toEqual(["second job started", "stop resolved"]);
  await worker.stop();
});

test("stop() lets queued jobs run, then resolves; submit after stop throws naming the worker", async () => {
  const worker = new SerialWorker("drainer");
  const done: number[] = [];
  for (let i = 0; i < 3; i++) {
    worker.submit(async () => {
      await nextTurn();
      done.push(i);
    });
  }
  const stopped = worker.stop();
  expect(worker.isStopped).toBe(true);
  expect(worker.stop()).toBe(stopped);
  expect(() => worker.submit(() => 1)).toThrowErrorMatchingInlineSnapshot(
    `[Error: drainer.submit: worker "drainer" has been stopped and takes no more jobs]`,
  );
  await stopped;
  expect(done).toEqual([0, 1, 2]);
  await new SerialWorker().stop();
});

// Heavy: seconds on a quiet machine, several times that on a loaded one.
test("100,000 synchronous jobs run without nesting the stack", async () => {
  const worker = new SerialWorker();
  let count = 0;
  let last: PromiseLike<number> | undefined;
  for (let i = 0; i < 100_000; i++) last = worker.submit(() => ++count);
  expect(await last).toBe(100_000);
  await worker.stop();
}, 120_000);

test("a job that fails does not stop the worker", async () => {
  const worker = new SerialWorker();
  const failed = worker.submit(() => {
    throw new Error("job failed");
  });
  const after = worker.submit(() => "still running");
  await expect(failed.wait()).rejects.toThrow("job failed");
  expect(await after).toBe("still running");
  expect(new SerialWorker().name).toBe("serial-worker");
  await worker.stop();
});

test("a stopped job's shielded cleanup can start child tasks that run to the end", async () => {
  const worker = new SerialWorker("shielded-cleanup");
  const events: string[] = [];
  const job = worker.submit(
    async () => {
      try {
        await new ManualTask();
      } finally {
        await runShielded(async () => {
          const flush = spawn(
            async () => {
              await nextTurn();
              return "flushed";
            },
            { name: "flush" },
          );
          events.push(`flush stopped: ${flush.isStopped}`);
          events.push(await flush);
        });
      }
    },
    { name: "job" },
  );
  await nextTurn();
  await job.stop("done");
  expect(events).toEqual(["flush stopped: false", "flushed"]);
  await worker.stop();
});

test("each queued job runs in its own submitter's async context, never in the previous job's", async () => {
  const request = new SemanticStack("request");
  const storage = new AsyncLocalStorage<string>();
  const worker = new SerialWorker("contexts");
  const seen: unknown[][] = [];
  const job = async () => {
    seen.push([taskChain(), request.get("id"), storage.getStore()]);
    await nextTurn();
  };
  const submitted = [
    request.run({ id: "A" }, () => storage.run("store A", () => worker.submit(job, { name: "a" }))),
    request.run({ id: "B" }, () => storage.run("store B", () => worker.submit(job, { name: "b" }))),
    worker.submit(job, { name: "c" }),
  ];
  await Promise.all(submitted);
  await worker.stop();
  expect(seen).toEqual([
    [["a"], "A", "store A"],
    [["b"], "B", "store B"],
    [["c"], undefined, undefined],
  ]);
});

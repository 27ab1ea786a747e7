// A job's turn is a reaction registered at submit; a turn that comes while
// another job runs waits for that job's exit. These pin order, one-at-a-time
// and context through those waits: async jobs, jobs submitted while others
// run (from other contexts, from inside a job), jobs stopped while waiting.
import { AsyncLocalStorage } from "node:async_hooks";
import { expect, test } from "vitest";
import { currentTask, SerialWorker, Stopped, taskChain } from "../src/index.ts";
import { nextTurn } from "./support/turns.ts";

const request = new AsyncLocalStorage<string>();

/** A job that records its start and end, checks it runs alone, and yields `awaits` times. */
function recorder() {
  const events: string[] = [];
  let active = 0;
  const job = (label: string, awaits: number) => async () => {
    active++;
    expect(active, `${label} overlapped another job`).toBe(1);
    events.push(`${label} ${request.getStore()} ${currentTask()?.name}`);
    for (let i = 0; i < awaits; i++) await null;
    active--;
    return label;
  };
  return { events, job };
}

test("async and sync jobs submitted from many contexts, some while others run, run alone and in order", async () => {
  const worker = new SerialWorker("turns");
  const { events, job } = recorder();
  const results: Promise<string>[] = [];
  const submit = (label: string, awaits: number) =>
    request.run(label, () => {
      const task = worker.submit(job(label, awaits), { name: label });
      results.push(task.wait());
    });
  submit("a", 3);
  submit("b", 0);
  submit("c", 2);
  await null;
  submit("d", 0); // comes while "a" runs: it waits behind the turns already waiting
  submit("e", 1);
  await nextTurn();
  submit("f", 0); // the worker is idle again
  submit("g", 2);
  await worker.stop();
  expect(await Promise.all(results)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
  expect(events).toEqual(["a", "b", "c", "d", "e", "f", "g"].map((l) => `${l} ${l} ${l}`));
});

test("a job stopped while its turn waits for the running job never runs; the rest keep their order", async () => {
  const worker = new SerialWorker("parked");
  const { events, job } = recorder();
  const first = request.run("1", () => worker.submit(job("first", 3)));
  const second = request.run("2", () => worker.submit(job("second", 0)));
  const third = request.run("3", () => worker.submit(job("third", 1)));
  // Let the turns of "second" and "third" come (and wait) while "first" runs.
  await null;
  await null;
  second.stop("not needed");
  await expect(second).rejects.toBeInstanceOf(Stopped);
  expect(await first).toBe("first");
  expect(await third).toBe("third");
  await worker.stop();
  expect(events).toEqual(["first 1 anonymous", "third 3 anonymous"]);
});

test("a job submitted from inside a job runs after it, in that job's context", async () => {
  const worker = new SerialWorker("nested");
  const seen: string[][] = [];
  let inner: PromiseLike<void> | undefined;
  await request.run("outer", () =>
    worker.submit(
      async () => {
        inner = worker.submit(
          () => {
            seen.push([...taskChain(), String(request.getStore())]);
          },
          { name: "inner" },
        );
        await null;
        seen.push([...taskChain(), "outer done"]);
      },
      { name: "outer" },
    ),
  );
  await inner;
  await worker.stop();
  expect(seen).toEqual([
    ["outer", "outer done"],
    ["outer", "inner", "outer"],
  ]);
});

test("stop() resolves once every job was stopped before its turn, and when stopped jobs wait behind a running one", async () => {
  const idle = new SerialWorker("all-stopped");
  const queued = [idle.submit(() => 1), idle.submit(() => 2)];
  for (const task of queued) void task.stop();
  await idle.stop();
  expect(queued.map((task) => task.isStopped && task.isDone)).toEqual([true, true]);

  const busy = new SerialWorker("behind-running");
  const ran: string[] = [];
  busy.submit(async () => {
    await null;
    await null;
    ran.push("running");
  });
  const waiting = busy.submit(() => ran.push("waiting"));
  await null;
  void waiting.stop();
  await busy.stop();
  expect(ran).toEqual(["running"]);
});

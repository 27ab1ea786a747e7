import { runShielded } from "@gentletask/semantic-stack/task-record";
import { expect, test } from "vitest";
import {
  type AsyncTask,
  ManualTask,
  MultiTask,
  SerialWorker,
  Stopped,
  spawn,
} from "../src/index.ts";

test("it finishes when all its tasks have, with their results in order", async () => {
  const slow = new ManualTask<string>();
  const multi = new MultiTask([slow, spawn(() => 1), spawn(async () => true)], { name: "all" });
  expect(multi.name).toBe("all");
  expect(multi.tasks).toHaveLength(3);
  await Promise.resolve();
  expect(multi.isDone).toBe(false);
  slow.resolve("slow");
  const results: [string, number, boolean] = await multi;
  expect(results).toEqual(["slow", 1, true]);
});

test("a lone failure is rethrown as it is", async () => {
  const failure = new Error("one");
  const multi = new MultiTask([
    spawn(() => 1),
    spawn(() => {
      throw failure;
    }),
  ]);
  await expect(multi.wait()).rejects.toBe(failure);
});

test("two or more failures reject with an AggregateError of them, in task order", async () => {
  const first = new Error("first");
  const second = new Error("second");
  const late = new ManualTask<number>();
  const multi = new MultiTask([late, spawn(() => Promise.reject(second)), spawn(() => 3)]);
  late.fail(first);
  const error = (await multi.wait().catch((e: unknown) => e)) as AggregateError;
  expect(error).toBeInstanceOf(AggregateError);
  expect(error.errors).toEqual([first, second]);
  expect(error.message).toBe("2 of 3 tasks failed");
});

test("its stop stops them all and resolves once all have finished", async () => {
  const tasks = [new ManualTask(), spawn(async () => await new ManualTask())];
  const multi = new MultiTask(tasks);
  await new Promise((resolve) => setImmediate(resolve));
  await multi.stop("enough");
  for (const task of tasks) {
    expect(task.isStopped).toBe(true);
    expect(task.stopReason).toBe("enough");
    expect(task.isDone).toBe(true);
  }
  const error = (await multi.wait().catch((e: unknown) => e)) as AggregateError;
  expect(error.errors.every((e: unknown) => e instanceof Stopped)).toBe(true);
});

test("an empty MultiTask is done at once with no results", async () => {
  const multi = new MultiTask([]);
  expect(multi.isDone).toBe(true);
  expect(await multi).toEqual([]);
  expect(new MultiTask([]).name).toBe("multi");
});

test("stop resolves only once every task's body has exited, a stopped job's cleanup included", async () => {
  const events: string[] = [];
  const cleanup = new ManualTask<void>();
  const worker = new SerialWorker("multi-stop");
  const job = worker.submit(async () => {
    try {
      await new ManualTask();
    } finally {
      await runShielded(() => cleanup.wait());
      events.push("job cleaned up");
    }
  });
  const multi = new MultiTask([job, spawn(() => new ManualTask())]);
  await new Promise((resolve) => setImmediate(resolve));
  const stopped = multi.stop("enough").then(() => events.push("multi stopped"));
  // The job completed with Stopped at once, but its body is still cleaning up.
  await new Promise((resolve) => setImmediate(resolve));
  expect(job.isDone).toBe(true);
  expect(events).toEqual([]);
  cleanup.resolve();
  await stopped;
  expect(events).toEqual(["job cleaned up", "multi stopped"]);
  expect(multi.stop()).toBe(multi.stop());
  await worker.stop();
});

test("a task that fails with undefined counts as a failure, not as a result", async () => {
  const fails = spawn(() => Promise.reject(undefined));
  const both = new MultiTask([spawn(() => 1), fails]);
  await expect(both.wait()).rejects.toBeUndefined();
  const two = new MultiTask([
    spawn(() => {
      throw undefined;
    }),
    new ManualTask<number>(),
  ]);
  (two.tasks[1] as ManualTask<number>).fail(undefined);
  const error = await two.wait().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AggregateError);
  expect((error as AggregateError).errors).toEqual([undefined, undefined]);
});

test("a MultiTask over its own ancestor fails at once with an Error naming the tasks, instead of hanging the tree", async () => {
  let multi: MultiTask<[unknown]> | undefined;
  const root: AsyncTask<unknown> = spawn(
    () => {
      multi = new MultiTask([root], { name: "over-root" });
      return multi.wait().catch((e: unknown) => e);
    },
    { name: "root" },
  );
  const error = (await root) as Error;
  expect(error).toBeInstanceOf(Error);
  expect(error.message).toMatchInlineSnapshot(
    `"wait: task "over-root" waits on its own ancestor "root", which cannot finish before "over-root" exits"`,
  );
  expect(multi?.isDone).toBe(true);
});

test("a wait that closes a cycle through a MultiTask's tasks rejects at once", async () => {
  const ready = new ManualTask<void>({ name: "ready" });
  const root = spawn(
    async () => {
      let a: AsyncTask<unknown> | undefined;
      const b = spawn(
        async () => {
          await ready;
          return (a as AsyncTask<unknown>).wait();
        },
        { name: "b" },
      );
      a = spawn(
        async () => {
          const multi = new MultiTask([b], { name: "multi" });
          const waiting = multi.wait();
          ready.resolve();
          return waiting;
        },
        { name: "a" },
      );
      return a.wait().catch((e: unknown) => e);
    },
    { name: "root" },
  );
  const error = (await root) as Error;
  expect(error.message).toMatchInlineSnapshot(
    `"wait: a cycle of tasks waiting on each other would never finish: "b" -> "a" -> "multi" -> "b""`,
  );
});

import { runShielded } from "@gentletask/semantic-stack/task-record";
import { expect, test, vi } from "vitest";
import { type AsyncTask, ManualTask, Stopped, spawn, TaskTimeoutError } from "../src/index.ts";
import { nextTurn } from "./support/turns.ts";

test("wait resolves with the result or rejects with the body's error", async () => {
  expect(await spawn(() => "ok").wait()).toBe("ok");
  const failure = new Error("bad");
  await expect(
    spawn(() => {
      throw failure;
    }).wait(),
  ).rejects.toBe(failure);
});

test("a deadline that passes rejects with a TaskTimeoutError naming the task, and does not stop it", async () => {
  const slow = new ManualTask<string>({ name: "slow" });
  const error = await slow.wait(5).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TaskTimeoutError);
  expect((error as TaskTimeoutError).task).toBe(slow);
  expect((error as TaskTimeoutError).timeoutMs).toBe(5);
  expect(slow.isStopped).toBe(false);
  slow.resolve("later");
  expect(await slow.wait(5)).toBe("later");
});

test("wait(0) on an unfinished task rejects at once; on a finished one it gives the result", async () => {
  const pending = new ManualTask<number>();
  const events: string[] = [];
  const waited = pending.wait(0).catch((error: Error) => events.push(error.name));
  await Promise.resolve();
  await Promise.resolve();
  expect(events).toEqual(["TimeoutError"]);
  await waited;
  pending.resolve(3);
  expect(await pending.wait(0)).toBe(3);
});

test("a deadline longer than the wait leaves no timer behind", async () => {
  // Faked timers count only the timers of the code under test: the process's
  // count also has the test runner's, which may come and go during a turn.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    const task = new ManualTask<number>();
    const waited = task.wait(60_000);
    expect(vi.getTimerCount()).toBe(1);
    task.resolve(1);
    expect(await waited).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  } finally {
    vi.useRealTimers();
  }
});

test("a waiter that is stopped ends only its own wait, with the waiter's reason", async () => {
  const awaited = new ManualTask<number>({ name: "awaited" });
  const waiter = spawn(() => awaited.wait(), { name: "waiter" });
  await nextTurn();
  waiter.stop("waiter's reason");
  const error = await waiter.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe("waiter's reason");
  expect(awaited.isStopped).toBe(false);
  expect(awaited.resolve(7)).toBe(true);
  expect(await awaited).toBe(7);
});

test("an already-stopped waiter rejects at once and leaves the awaited task alone", async () => {
  const awaited = new ManualTask<number>();
  const outcomes: unknown[] = [];
  const waiter = spawn(async () => {
    try {
      await new ManualTask();
    } finally {
      outcomes.push(await awaited.wait().catch((e: unknown) => e));
    }
  });
  await nextTurn();
  await waiter.stop("already");
  expect(outcomes[0]).toBeInstanceOf(Stopped);
  expect(awaited.isStopped).toBe(false);
  awaited.resolve(1);
});

test("inside a shield a stopped waiter's wait is not rejected for its stop", async () => {
  const awaited = new ManualTask<string>();
  const outcomes: unknown[] = [];
  const waiter = spawn(async () => {
    try {
      await new ManualTask();
    } finally {
      outcomes.push(await runShielded(() => awaited.wait()));
    }
  });
  await nextTurn();
  const stopped = waiter.stop();
  await nextTurn();
  awaited.resolve("cleaned up");
  await stopped;
  expect(outcomes).toEqual(["cleaned up"]);
  expect(awaited.isStopped).toBe(false);
});

test("a body that exits by Stopped makes wait reject with that Stopped", async () => {
  const own = new Stopped("self-inflicted");
  const task = spawn(() => {
    throw own;
  });
  await expect(task.wait()).rejects.toBe(own);
  expect(task.isStopped).toBe(false);
});

test("wait outside any task is a plain wait: nothing stops the awaited task", async () => {
  const task = new ManualTask<number>();
  const waited = task.wait();
  task.resolve(9);
  expect(await waited).toBe(9);
  expect(task.isStopped).toBe(false);
});

test("a promise from wait() that nobody awaits never becomes an unhandled rejection", async () => {
  const task = spawn(() => {
    throw new Error("ignored");
  });
  void task.wait();
  void task.result;
  void task.wait(50);
  await nextTurn();
  void task.wait();
  await nextTurn();
});

test("a failure observed later in the same turn is the observer's, not raised", async () => {
  const failing = spawn(() => {
    throw new Error("caught in time");
  });
  await Promise.resolve();
  await Promise.resolve();
  // The body has failed by now; taking the outcome before the turn ends observes it.
  await expect(failing).rejects.toThrow("caught in time");
  await nextTurn();
});

test("level-triggered: a stopped task's wait on a finished task rejects at once; inside a shield it reads the result", async () => {
  const finished = spawn(() => "result");
  const failed = spawn(() => {
    throw new Error("failure");
  });
  await finished;
  await failed.wait().catch(() => {});
  const outcomes: unknown[] = [];
  const waiter = spawn(async () => {
    try {
      await new ManualTask();
    } catch {
      // A broad catch does not carry the stopped task on.
      outcomes.push(await finished.wait().catch((e: unknown) => e));
      outcomes.push(await failed.wait().catch((e: unknown) => e));
      outcomes.push(await Promise.resolve(finished).catch((e: unknown) => e));
      outcomes.push(await runShielded(() => finished.wait()));
    }
  });
  await nextTurn();
  await waiter.stop("stopped");
  expect(outcomes[0]).toBeInstanceOf(Stopped);
  expect((outcomes[0] as Stopped).reason).toBe("stopped");
  expect(outcomes[1]).toBeInstanceOf(Stopped);
  expect(outcomes[2]).toBeInstanceOf(Stopped);
  expect(outcomes[3]).toBe("result");
  // A finished task is not marked stopped by a waiter giving up on it.
  expect(finished.isStopped).toBe(false);
});

test("a task that waits on itself rejects at once with an Error naming it", async () => {
  const self: { task?: AsyncTask<unknown> } = {};
  self.task = spawn(async () => (self.task as AsyncTask<unknown>).wait(), { name: "narcissus" });
  const error = await self.task.wait().catch((e: unknown) => e);
  expect(error).toMatchInlineSnapshot(
    `[Error: wait: task "narcissus" waits on itself, which would never finish]`,
  );
});

test("a child that waits on its parent rejects at once", async () => {
  let childError: unknown;
  const parent = spawn(
    async () => {
      const child = spawn(
        async () => {
          childError = await parent.wait().catch((e: unknown) => e);
        },
        { name: "child" },
      );
      await child;
      return "parent done";
    },
    { name: "parent" },
  );
  expect(await parent).toBe("parent done");
  expect(childError).toMatchInlineSnapshot(
    `[Error: wait: task "child" waits on its own ancestor "parent", which cannot finish before "child" exits]`,
  );
});

test("two tasks waiting on each other: the wait that closes the cycle rejects at once", async () => {
  const tasks: { a?: AsyncTask<unknown>; b?: AsyncTask<unknown> } = {};
  tasks.a = spawn(
    async () => {
      await nextTurn();
      return await (tasks.b as AsyncTask<unknown>).wait().catch((e: unknown) => e);
    },
    { name: "a" },
  );
  tasks.b = spawn(() => (tasks.a as AsyncTask<unknown>).wait(), { name: "b" });
  const fromA = await tasks.a;
  expect(fromA).toMatchInlineSnapshot(
    `[Error: wait: a cycle of tasks waiting on each other would never finish: "a" -> "b" -> "a"]`,
  );
  expect(await tasks.b).toBe(fromA);
});

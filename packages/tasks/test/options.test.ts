import { getEventListeners } from "node:events";
import { expect, test, vi } from "vitest";
import { ManualTask, Stopped, spawn, TaskTimeoutError } from "../src/index.ts";
import { deferred, nextTurn } from "./support/turns.ts";

test("aborting the signal option stops the task with the signal's reason", async () => {
  const controller = new AbortController();
  const task = spawn(
    async () => {
      await new ManualTask();
    },
    { signal: controller.signal },
  );
  await nextTurn();
  controller.abort("external");
  expect(task.isStopped).toBe(true);
  expect(task.stopReason).toBe("external");
  await expect(task.wait()).rejects.toBeInstanceOf(Stopped);
});

test("an already aborted signal stops the task before its body runs", async () => {
  let ran = false;
  const task = spawn(
    () => {
      ran = true;
    },
    { signal: AbortSignal.abort("too late") },
  );
  expect(task.isStopped).toBe(true);
  expect(task.stopReason).toBe("too late");
  await task.stop();
  expect(ran).toBe(false);
});

test("a finished task leaves no listener on the signal option", async () => {
  const controller = new AbortController();
  const events: string[] = [];
  controller.signal.addEventListener("abort", () => events.push("own listener"));
  await spawn(() => 1, { signal: controller.signal });
  controller.abort();
  expect(events).toEqual(["own listener"]);
});

test("many tasks share one signal through one listener, without a MaxListenersExceededWarning", async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.name);
  process.on("warning", onWarning);
  try {
    const controller = new AbortController();
    const { signal } = controller;
    const quick = Array.from({ length: 20 }, () => spawn(() => 1, { signal }));
    const waiting = Array.from({ length: 20 }, () =>
      spawn(async () => await new ManualTask(), { signal }),
    );
    expect(getEventListeners(signal, "abort")).toHaveLength(1);
    await Promise.all(quick);
    expect(getEventListeners(signal, "abort")).toHaveLength(1);
    controller.abort("shutdown");
    expect(waiting.every((task) => task.isStopped && task.stopReason === "shutdown")).toBe(true);
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
    await Promise.all(waiting.map((task) => task.stop()));
    // A listener that finished tasks leave behind would show here.
    const later = new AbortController();
    await Promise.all(Array.from({ length: 3 }, () => spawn(() => 1, { signal: later.signal })));
    expect(getEventListeners(later.signal, "abort")).toHaveLength(0);
    await nextTurn();
    expect(warnings).toEqual([]);
  } finally {
    process.off("warning", onWarning);
  }
});

test("timeoutMs stops the task with a TaskTimeoutError reason, and its waiters get that error", async () => {
  let seenInBody: unknown;
  const task = spawn(
    async () => {
      try {
        await new ManualTask();
      } catch (error) {
        seenInBody = error;
        throw error;
      }
    },
    { timeoutMs: 5, name: "bounded" },
  );
  const error = (await task.wait().catch((e: unknown) => e)) as TaskTimeoutError;
  // As withTimeout's callers do: the waiter gets the TaskTimeoutError itself.
  expect(error).toBeInstanceOf(TaskTimeoutError);
  expect(error.task).toBe(task);
  expect(error.taskName).toBe("bounded");
  expect(task.stopReason).toBe(error);
  // The body saw the stop as a Stopped carrying it.
  expect(seenInBody).toBeInstanceOf(Stopped);
  expect((seenInBody as Stopped).reason).toBe(error);
});

test("timeoutMs: 0 stops the task as it starts; Infinity never", async () => {
  const zero = spawn(
    async () => {
      await new ManualTask();
    },
    { timeoutMs: 0 },
  );
  await expect(zero.wait()).rejects.toBeInstanceOf(TaskTimeoutError);
  expect(await spawn(() => "no deadline", { timeoutMs: Number.POSITIVE_INFINITY })).toBe(
    "no deadline",
  );
});

test("a task that finishes in time clears its timer", async () => {
  // Faked timers count only the timers of the code under test: the process's
  // count also has the test runner's, which may come and go during a turn.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    const finish = deferred<string>();
    const task = spawn(() => finish.promise, { timeoutMs: 60_000 });
    await nextTurn();
    expect(vi.getTimerCount()).toBe(1); // the running task's deadline
    finish.resolve("quick");
    expect(await task).toBe("quick");
    expect(vi.getTimerCount()).toBe(0);
  } finally {
    vi.useRealTimers();
  }
});

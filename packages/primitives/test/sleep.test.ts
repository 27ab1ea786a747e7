import { shield, sleep } from "@gentletask/primitives";
import { Stopped, spawn } from "@gentletask/tasks";
import { expect, test, vi } from "vitest";
import { nextTurn, outcome, ProtocolTask, pause, until, withFakeTimeouts } from "./support.js";

test("sleep(0) yields: callbacks queued on the event loop before it run first", async () => {
  const order: string[] = [];
  setImmediate(() => order.push("queued before"));
  const slept = sleep(0).then(() => order.push("sleep(0)"));
  void Promise.resolve().then(() => order.push("microtask"));
  await slept;
  expect(order).toEqual(["microtask", "queued before", "sleep(0)"]);
});

test("sleep(ms) resolves with undefined once ms have passed, not before", async () => {
  await withFakeTimeouts(async () => {
    let result: unknown = "pending";
    const slept = sleep(20).then((value) => {
      result = value;
    });
    await vi.advanceTimersByTimeAsync(19);
    expect(result).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toBeUndefined();
    await slept;
  });
  expect(await sleep(1)).toBeUndefined();
});

test("sleep(2 ** 31) has not returned after a second, warns nothing, and returns when stopped", async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on("warning", onWarning);
  try {
    let returned: { ok: boolean; error?: unknown } | undefined;
    const task = spawn(async () => {
      returned = await outcome(sleep(2 ** 31));
    });
    await pause(1_000);
    expect(returned).toBeUndefined();
    await task.stop("long enough");
    expect(returned?.ok).toBe(false);
    expect(returned?.error).toBeInstanceOf(Stopped);
    expect((returned as { error: Stopped }).error.reason).toBe("long enough");
    expect(warnings.filter((w) => w.name === "TimeoutOverflowWarning")).toEqual([]);
  } finally {
    process.off("warning", onWarning);
  }
});

test("sleep(Infinity) inside a task waits until the task is stopped", async () => {
  let state = "before";
  const task = spawn(async () => {
    state = "sleeping";
    try {
      await sleep(Number.POSITIVE_INFINITY);
    } finally {
      state = "woke";
    }
  });
  await until(() => state === "sleeping");
  await pause(50);
  expect(state).toBe("sleeping");
  await task.stop();
  expect(state).toBe("woke");
});

test("sleep(Infinity) in a built-in task rejects with the task's own Stopped, the one its signal aborts with", async () => {
  const task = spawn(async () => {
    await Promise.all([sleep(Number.POSITIVE_INFINITY), sleep(Number.POSITIVE_INFINITY)]);
  });
  await nextTurn();
  task.stop("done waiting");
  const error = await task.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe("done waiting");
  expect(error).toBe(task.signal.reason);
});

test("sleep(Infinity) in a custom task waits on one stop callback of the task and ends by it", async () => {
  const task = new ProtocolTask("custom");
  const slept = outcome(task.run(() => sleep(Number.POSITIVE_INFINITY)));
  expect(task.callbacks.size).toBe(1);
  task.stop("custom stop");
  const result = await slept;
  expect((result as { error: Stopped }).error.reason).toBe("custom stop");
});

test("sleep(Infinity) throws a RangeError outside a task and inside shield, where no stop can end it", async () => {
  expect(() => sleep(Number.POSITIVE_INFINITY)).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: sleep: \`ms\` may be Infinity only inside a task (not shielded), where a stop can end the wait]`,
  );
  const task = spawn(() => shield(() => sleep(Number.POSITIVE_INFINITY)));
  const result = await outcome(task.wait());
  expect(result.ok).toBe(false);
  expect((result as { error: unknown }).error).toBeInstanceOf(RangeError);
});

test("negative, NaN and non-number delays are refused", () => {
  expect(() => sleep(-1)).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: sleep: expected \`ms\` to be a non-negative number of milliseconds, got -1 (number)]`,
  );
  expect(() => sleep(Number.NaN)).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: sleep: expected \`ms\` to be a non-negative number of milliseconds, got NaN (number)]`,
  );
  expect(() => sleep("10" as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: sleep: expected \`ms\` to be a number of milliseconds, got "10" (string)]`,
  );
  expect(() => sleep(undefined as never)).toThrow(TypeError);
});

test("a sleep that ends, by time or by stop, leaves no stop callback behind", async () => {
  const task = new ProtocolTask();
  await task.run(async () => {
    await sleep(0);
    expect(task.callbacks.size).toBe(0);
    const pending = sleep(5);
    expect(task.callbacks.size).toBe(1);
    await pending;
    expect(task.callbacks.size).toBe(0);
  });
});

test("a stopped sleep clears its timer at once", async () => {
  await withFakeTimeouts(async () => {
    let sleeping = false;
    const task = spawn(async () => {
      sleeping = true;
      await sleep(60_000);
    });
    await until(() => sleeping);
    expect(vi.getTimerCount()).toBe(1);
    void task.stop();
    await nextTurn();
    expect(vi.getTimerCount()).toBe(0);
    await outcome(task.wait());
  });
});

test("a delay past the timer limit is chained and ends on time, not early", async () => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  try {
    let done = false;
    const slept = sleep(2 ** 31 + 5_000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(2 ** 31 - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_001);
    expect(done).toBe(true);
    await slept;
  } finally {
    vi.useRealTimers();
  }
});

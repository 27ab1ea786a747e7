import { poll } from "@gentletask/primitives";
import { Stopped, spawn } from "@gentletask/tasks";
import { expect, test, vi } from "vitest";
import { nextTurn, outcome, ProtocolTask, until, withFakeTimeouts } from "./support.js";

test("returns the first truthy sample", async () => {
  let calls = 0;
  expect(await poll(() => (++calls >= 3 ? `ready after ${calls}` : 0), { intervalMs: 1 })).toBe(
    "ready after 3",
  );
  expect(calls).toBe(3);
});

test("awaits a sample that is a promise", async () => {
  let calls = 0;
  const value = await poll(async () => (++calls === 2 ? { ok: true } : null), { intervalMs: 0 });
  expect(value).toEqual({ ok: true });
});

test("on timeout returns the last falsy sample", async () => {
  const samples = [0, "", null, false];
  let calls = 0;
  let last: unknown = "never sampled";
  const value = await poll(
    () => {
      last = samples[Math.min(calls++, samples.length - 1)];
      return last;
    },
    { intervalMs: 1, timeoutMs: 20 },
  );
  expect(value).toBe(last);
  expect(calls).toBeGreaterThanOrEqual(2);
  expect(await poll(() => 0, { timeoutMs: 0 })).toBe(0);
});

test("the deadline is checked between samples, with one last sample at the deadline", async () => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  try {
    const sampledAt: number[] = [];
    const started = performance.now();
    const polled = poll(
      () => {
        sampledAt.push(performance.now() - started);
        return sampledAt.length === 1 ? 0 : null;
      },
      { intervalMs: 50, timeoutMs: 120 },
    );
    await vi.advanceTimersByTimeAsync(200);
    expect(await polled).toBeNull();
    expect(sampledAt).toEqual([0, 50, 100, 120]);
  } finally {
    vi.useRealTimers();
  }
});

test("defaults to sampling every 50 ms", async () => {
  await withFakeTimeouts(async () => {
    let calls = 0;
    const polled = poll(() => ++calls === 2);
    await vi.advanceTimersByTimeAsync(49);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    expect(await polled).toBe(true);
  });
});

test("the wait between samples is stop-aware", async () => {
  let calls = 0;
  const task = spawn(() =>
    poll(() => {
      calls++;
      return false;
    }),
  );
  await until(() => calls === 1);
  await task.stop("enough polling");
  const result = await outcome(task.wait());
  expect((result as { error: unknown }).error).toBeInstanceOf(Stopped);
  expect(((result as { error: unknown }).error as Stopped).reason).toBe("enough polling");
  expect(calls).toBe(1);
});

test("in a stopped task it rejects at once without sampling", async () => {
  let calls = 0;
  let result: unknown;
  const task = spawn(async () => {
    await outcome(poll(() => false));
    result = await outcome(poll(() => ++calls));
  });
  await nextTurn();
  await task.stop();
  expect(calls).toBe(0);
  expect((result as { error: unknown }).error).toBeInstanceOf(Stopped);
});

test("an error thrown by the predicate passes through and leaves nothing behind", async () => {
  const task = new ProtocolTask();
  let calls = 0;
  const failure = new Error("sensor broke");
  await expect(
    task.run(() =>
      poll(
        () => {
          if (++calls === 3) throw failure;
          return false;
        },
        { intervalMs: 1, timeoutMs: 60_000 },
      ),
    ),
  ).rejects.toBe(failure);
  await expect(poll(() => Promise.reject(failure))).rejects.toBe(failure);
  expect(task.callbacks.size).toBe(0);
});

test("bad arguments are refused", () => {
  expect(() => poll("ready" as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: poll: expected \`fn\` to be a function, got "ready" (string)]`,
  );
  expect(() => poll(() => 1, 5 as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: poll: expected \`options\` to be an object, got 5 (number)]`,
  );
  expect(() => poll(() => 1, { intervalMs: -1 })).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: poll: expected \`options.intervalMs\` to be a non-negative number of milliseconds, got -1 (number)]`,
  );
  expect(() => poll(() => 1, { intervalMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  expect(() => poll(() => 1, { timeoutMs: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: poll: expected \`options.timeoutMs\` to be a non-negative number of milliseconds, got NaN (number)]`,
  );
  expect(() => poll(() => 1, { timeoutMs: "1" as never })).toThrow(TypeError);
});

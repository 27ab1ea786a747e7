import {
  checkStop,
  Event,
  poll,
  Queue,
  shield,
  sleep,
  stoppable,
  withTimeout,
} from "@gentletask/primitives";
import { Stopped } from "@gentletask/tasks";
import { describe, expect, test } from "vitest";
import { nextTurn, outcome, until } from "./support.js";
import { taskKinds } from "./task-kinds.js";

// Every stop-aware wait, started fresh each time.
const waits: [string, () => Promise<unknown>][] = [
  ["sleep(60_000)", () => sleep(60_000)],
  ["sleep(2 ** 31)", () => sleep(2 ** 31)],
  ["sleep(Infinity)", () => sleep(Number.POSITIVE_INFINITY)],
  ["Queue#get", () => new Queue().get()],
  ["Queue#get with a timeout", () => new Queue().get({ timeoutMs: 60_000 })],
  [
    "Queue#put on a full queue",
    () => {
      const queue = new Queue<number>(1);
      queue.putNowait(0);
      return queue.put(1, { timeoutMs: 60_000 });
    },
  ],
  [
    "Queue#join",
    () => {
      const queue = new Queue<number>();
      queue.putNowait(1);
      return queue.join();
    },
  ],
  [
    "for await over a Queue",
    async () => {
      for await (const _ of new Queue()) {
        // never reached: nothing is put
      }
    },
  ],
  ["Event#wait", () => new Event().wait()],
  ["Event#wait with a timeout", () => new Event().wait(60_000)],
  ["poll between samples", () => poll(() => false)],
  ["poll awaiting a sample", () => poll(() => new Promise(() => {}))],
  ["stoppable", () => stoppable(new Promise(() => {}))],
  ["withTimeout", () => withTimeout(60_000, () => sleep(Number.POSITIVE_INFINITY))],
];

function expectStopped(error: unknown, reason: unknown): void {
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe(reason);
}

describe.each(taskKinds)("inside %s", (_, start) => {
  test.each(waits)(
    "%s rejects with the task's Stopped the moment the task is stopped",
    async (_, wait) => {
      let entered = false;
      let caught: unknown;
      const running = start(async () => {
        entered = true;
        try {
          await wait();
        } catch (error) {
          caught = error;
        }
      });
      await until(() => entered);
      await nextTurn();
      expect(caught).toBeUndefined();
      const reason = { why: "enough" };
      running.stop(reason);
      // Pushed, not polled: the waiter wakes within the same turn of the event loop.
      await nextTurn();
      expectStopped(caught, reason);
      expect((await running.ended).ok).toBe(true);
    },
  );

  test.each([...waits, ["sleep(0)", () => sleep(0)] as [string, () => Promise<unknown>]])(
    "%s rejects at once when the task is already stopped (stop is level-triggered)",
    async (_, wait) => {
      let second: { settledAtOnce: boolean; result: unknown } | undefined;
      const running = start(async () => {
        try {
          await sleep(Number.POSITIVE_INFINITY);
        } catch {
          // A broad catch: the task carries on, stopped.
        }
        let settled = false;
        const result = outcome(wait()).then((r) => {
          settled = true;
          return r;
        });
        await new Promise((resolve) => setImmediate(resolve));
        second = { settledAtOnce: settled, result: await result };
      });
      await nextTurn();
      running.stop("first");
      await running.ended;
      expect(second?.settledAtOnce).toBe(true);
      const result = second?.result as { ok: boolean; error: unknown };
      expect(result.ok).toBe(false);
      expectStopped(result.error, "first");
    },
  );

  test("checkStop throws the task's Stopped once it is stopped, and not before", async () => {
    const seen: unknown[] = [];
    const running = start(async () => {
      checkStop();
      seen.push("passed");
      try {
        await sleep(Number.POSITIVE_INFINITY);
      } catch {}
      try {
        checkStop();
      } catch (error) {
        seen.push(error);
      }
    });
    await nextTurn();
    running.stop(42);
    await running.ended;
    expect(seen[0]).toBe("passed");
    expectStopped(seen[1], 42);
  });

  test("a stop reaches every wait the task has pending at once", async () => {
    const errors: unknown[] = [];
    const running = start(async () => {
      const queue = new Queue();
      const event = new Event();
      const results = await Promise.all(
        [sleep(60_000), queue.get(), queue.get(), event.wait(), event.wait(60_000)].map(outcome),
      );
      for (const result of results) if (!result.ok) errors.push(result.error);
    });
    await nextTurn();
    running.stop("all");
    await running.ended;
    expect(errors).toHaveLength(5);
    for (const error of errors) expectStopped(error, "all");
  });

  test("inside shield, a stopped task's waits do not reject for the stop; their own timeouts apply", async () => {
    const results: unknown[] = [];
    const running = start(async () => {
      try {
        await sleep(Number.POSITIVE_INFINITY);
      } finally {
        await shield(async () => {
          checkStop();
          await sleep(1);
          results.push("slept");
          const queue = new Queue<string>();
          setTimeout(() => queue.putNowait("late item"), 1);
          results.push(await queue.get({ timeoutMs: 60_000 }));
          results.push(await outcome(queue.get({ timeoutMs: 1 })));
          const event = new Event();
          results.push(await event.wait(1));
          setTimeout(() => event.set(), 1);
          results.push(await event.wait(60_000));
          results.push(await poll(() => false, { intervalMs: 1, timeoutMs: 5 }));
          results.push(await stoppable(Promise.resolve("followed")));
        });
      }
    });
    await nextTurn();
    running.stop("stop");
    const ended = await running.ended;
    expect(ended.ok).toBe(false);
    expectStopped((ended as { error: unknown }).error, "stop");
    expect(results.slice(0, 2)).toEqual(["slept", "late item"]);
    const timedOut = results[2] as { ok: boolean; error: Error };
    expect(timedOut.ok).toBe(false);
    expect(timedOut.error.name).toBe("QueueEmpty");
    expect(results.slice(3)).toEqual([false, true, false, "followed"]);
  });
});

describe("outside any task", () => {
  test("waits behave like plain waits", async () => {
    await sleep(0);
    await sleep(1);
    checkStop();
    const queue = new Queue<number>();
    setTimeout(() => queue.putNowait(7), 1);
    expect(await queue.get()).toBe(7);
    const event = new Event();
    setTimeout(() => event.set(), 1);
    expect(await event.wait()).toBe(true);
    expect(await event.wait(0)).toBe(true);
    expect(await poll(() => "yes")).toBe("yes");
    expect(await stoppable(Promise.resolve(3))).toBe(3);
    expect(await withTimeout(60_000, () => "done")).toBe("done");
  });
});

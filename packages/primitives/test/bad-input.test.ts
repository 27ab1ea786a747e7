import { Event, Queue } from "@gentletask/primitives";
import { expect, test } from "vitest";

test("new Queue refuses a maxsize that is not a non-negative integer", () => {
  expect(() => new Queue(-1)).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: new Queue: expected \`maxsize\` to be a non-negative integer (0 for unbounded), got -1 (number)]`,
  );
  expect(() => new Queue(1.5)).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: new Queue: expected \`maxsize\` to be a non-negative integer (0 for unbounded), got 1.5 (number)]`,
  );
  expect(() => new Queue(Number.NaN)).toThrow(RangeError);
  expect(() => new Queue(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  expect(() => new Queue("3" as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: new Queue: expected \`maxsize\` to be a number, got "3" (string)]`,
  );
  expect(() => new Queue(null as never)).toThrow(TypeError);
});

test("Queue#get and Queue#put refuse bad options and leave the queue untouched", () => {
  const queue = new Queue<number>(1);
  expect(() => queue.get({ timeoutMs: -5 })).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: Queue#get: expected \`options.timeoutMs\` to be a non-negative number of milliseconds, got -5 (number)]`,
  );
  expect(() => queue.get({ timeoutMs: Number.NaN })).toThrow(RangeError);
  expect(() => queue.get(7 as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: Queue#get: expected \`options\` to be an object, got 7 (number)]`,
  );
  expect(() => queue.put(1, { timeoutMs: "1" as never })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: Queue#put: expected \`options.timeoutMs\` to be a number of milliseconds, got "1" (string)]`,
  );
  expect(() => queue.put(1, null as never)).toThrow(TypeError);
  // Nothing was added and no get is left waiting: the next item stays queued.
  expect(queue.qsize()).toBe(0);
  queue.putNowait(9);
  expect(queue.qsize()).toBe(1);
  expect(() => queue.put(2, { timeoutMs: -1 })).toThrow(RangeError);
  expect(queue.getNowait()).toBe(9);
  expect(queue.qsize()).toBe(0);
});

test("a Queue whose waits were refused still serves the next real waiter", async () => {
  const queue = new Queue<string>();
  expect(() => queue.get({ timeoutMs: -1 })).toThrow(RangeError);
  const got = queue.get();
  queue.putNowait("for the real waiter");
  expect(await got).toBe("for the real waiter");
});

test("Event#wait refuses bad timeouts and leaves no waiter", async () => {
  const event = new Event();
  expect(() => event.wait(-1)).toThrow(RangeError);
  expect(() => event.wait(Number.NaN)).toThrow(RangeError);
  expect(() => event.wait(null as never)).toThrow(TypeError);
  event.set();
  expect(await event.wait(0)).toBe(true);
});

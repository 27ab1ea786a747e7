import { Event } from "@gentletask/primitives";
import { spawn } from "@gentletask/tasks";
import { expect, test, vi } from "vitest";
import { nextTurn, ProtocolTask, withFakeTimeouts } from "./support.js";

test("wait resolves true once the event is set", async () => {
  const event = new Event();
  let woke: boolean | undefined;
  const waiting = event.wait().then((value) => {
    woke = value;
  });
  await nextTurn();
  expect(woke).toBeUndefined();
  event.set();
  await waiting;
  expect(woke).toBe(true);
});

test("wait resolves true at once when the event is already set", async () => {
  const event = new Event();
  event.set();
  expect(event.isSet()).toBe(true);
  expect(await event.wait()).toBe(true);
  expect(await event.wait(0)).toBe(true);
});

test("wait resolves false on timeout; wait(0) checks without waiting", async () => {
  const event = new Event();
  expect(await event.wait(5)).toBe(false);
  expect(await event.wait(0)).toBe(false);
});

test("set wakes every waiter, in and out of tasks; setting twice changes nothing", async () => {
  const event = new Event();
  const woken: string[] = [];
  const tasks = ["a", "b", "c"].map((name) =>
    spawn(async () => woken.push(`${name}:${await event.wait(60_000)}`)),
  );
  const outside = event.wait().then((value) => woken.push(`outside:${value}`));
  await nextTurn();
  event.set();
  event.set();
  await Promise.all([...tasks.map((task) => task.wait()), outside]);
  expect(woken.sort()).toEqual(["a:true", "b:true", "c:true", "outside:true"]);
});

test("clear lowers the flag for waits that start afterwards", async () => {
  const event = new Event();
  event.set();
  event.clear();
  expect(event.isSet()).toBe(false);
  expect(await event.wait(1)).toBe(false);
});

test("a wait that ends leaves no stop callback and no timer behind", async () => {
  await withFakeTimeouts(async () => {
    const task = new ProtocolTask();
    await task.run(async () => {
      const event = new Event();
      const waiting = event.wait(60_000);
      expect([task.callbacks.size, vi.getTimerCount()]).toEqual([1, 1]);
      event.set();
      await waiting;
      expect([task.callbacks.size, vi.getTimerCount()]).toEqual([0, 0]);
      const timingOut = new Event().wait(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(await timingOut).toBe(false);
    });
    expect([task.callbacks.size, vi.getTimerCount()]).toEqual([0, 0]);
  });
});

test("bad timeouts are refused", () => {
  const event = new Event();
  expect(() => event.wait(-1)).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: Event#wait: expected \`timeoutMs\` to be a non-negative number of milliseconds, got -1 (number)]`,
  );
  expect(() => event.wait(Number.NaN)).toThrow(RangeError);
  expect(() => event.wait("1" as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: Event#wait: expected \`timeoutMs\` to be a number of milliseconds, got "1" (string)]`,
  );
});

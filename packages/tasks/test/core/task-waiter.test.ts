import { expect, test, vi } from "vitest";
import { reportExit } from "../../src/core/body.ts";
import { enterRunning } from "../../src/core/lifecycle.ts";
import { waitFor } from "../../src/core/task-waiter.ts";
import { ManualTask, Stopped, spawn, TaskTimeoutError } from "../../src/index.ts";
import { makeNode } from "./fixtures.ts";

test("outside a task, plain waits share the result promise", async () => {
  const node = makeNode("job");
  enterRunning(node, false);
  const a = waitFor(node, undefined);
  const b = waitFor(node, Number.POSITIVE_INFINITY);
  expect(a).toBe(b);
  reportExit(node, true, "value", false);
  await expect(a).resolves.toBe("value");
});

test("a deadline rejects with a TaskTimeoutError naming the task, and its timer goes", async () => {
  const node = makeNode("slow");
  enterRunning(node, false);
  // Faked timers count only the waiter's: the process's count also has the
  // test runner's, which may fire in the same turn as the deadline.
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    const wait = waitFor(node, 5).catch((e: unknown) => e);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(5);
    const error = await wait;
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect((error as TaskTimeoutError).task).toBe(node.task);
    expect(vi.getTimerCount()).toBe(0);
    expect(node.waiters).toBeUndefined();
  } finally {
    vi.useRealTimers();
  }
});

test("a waiter whose caller is stopped rejects with the caller's reason", async () => {
  const awaited = new ManualTask<string>();
  const caller = spawn(() => awaited.wait());
  await new Promise((resolve) => setImmediate(resolve));
  caller.stop("caller gone");
  const error = await caller.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe("caller gone");
});

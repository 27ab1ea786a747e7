import { expect, test } from "vitest";
import { reportExit } from "../../src/core/body.ts";
import { enterRunning } from "../../src/core/lifecycle.ts";
import { waitFor } from "../../src/core/task-waiter.ts";
import { ManualTask, Stopped, spawn, TaskTimeoutError } from "../../src/index.ts";
import { makeNode } from "./fixtures.ts";

const activeTimers = () =>
  process.getActiveResourcesInfo().filter((kind) => kind === "Timeout" || kind === "Immediate")
    .length;

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
  const timers = activeTimers();
  const wait = waitFor(node, 5);
  expect(activeTimers()).toBe(timers + 1);
  const error = await wait.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TaskTimeoutError);
  expect((error as TaskTimeoutError).task).toBe(node.task);
  expect(activeTimers()).toBe(timers);
  expect(node.waiters).toBeUndefined();
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

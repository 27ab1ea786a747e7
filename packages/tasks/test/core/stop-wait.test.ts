import { expect, test } from "vitest";
import { untilStopped } from "../../src/core/stop-wait.ts";
import { NODE } from "../../src/core/task-node.ts";
import { currentTask, ManualTask, Stopped, spawn } from "../../src/index.ts";

/** Lets queued microtasks and one macrotask run. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

test("a stop-only wait rejects with the task's one Stopped, the one its signal aborts with", async () => {
  // The body ends with the first wait, so the task can exit.
  const task = spawn(() => first, { detach: true });
  const first = untilStopped(task);
  const second = untilStopped(task);
  await nextTurn();
  expect(task[NODE].stopCallbacks).toBeUndefined();
  task.stop("enough");
  const errors = await Promise.all([first, second].map((wait) => wait?.catch((e: unknown) => e)));
  expect(errors[0]).toBeInstanceOf(Stopped);
  expect((errors[0] as Stopped).reason).toBe("enough");
  expect(errors[1]).toBe(errors[0]);
  expect(task.signal.reason).toBe(errors[0]);
  expect(task[NODE].stopRejects).toBeUndefined();
});

test("the waits of a task end in the order they began, after its stop callbacks", async () => {
  const order: string[] = [];
  const task = new ManualTask();
  untilStopped(task)?.catch(() => order.push("wait 1"));
  task.addStopCallback(() => order.push("callback"));
  untilStopped(task)?.catch(() => order.push("wait 2"));
  task.stop();
  await nextTurn();
  expect(order).toEqual(["callback", "wait 1", "wait 2"]);
});

test("a parent's stop reaches a child's stop-only wait through the cascade", async () => {
  const reasons: unknown[] = [];
  const parent = spawn(async () => {
    await spawn(async () => {
      try {
        await untilStopped(currentTask());
      } catch (error) {
        reasons.push((error as Stopped).reason);
      }
    });
  });
  await nextTurn();
  await parent.stop("shutdown");
  expect(reasons).toEqual(["shutdown"]);
});

test("no stop-only wait for a stopped task, a custom task or a non-task: callers take the general path", () => {
  const stopped = new ManualTask();
  stopped.stop();
  expect(untilStopped(stopped)).toBeUndefined();
  expect(untilStopped({ name: "custom", isStopped: false })).toBeUndefined();
  expect(untilStopped(undefined)).toBeUndefined();
  expect(untilStopped(42)).toBeUndefined();
});

test("a task that exits unstopped drops its stop-only waits with its other callbacks", async () => {
  const task = new ManualTask<number>();
  const wait = untilStopped(task);
  task.resolve(1);
  await task;
  expect(task[NODE].stopRejects).toBeUndefined();
  let ended = false;
  wait?.then(
    () => (ended = true),
    () => (ended = true),
  );
  task.stop();
  await nextTurn();
  expect(ended).toBe(false);
});

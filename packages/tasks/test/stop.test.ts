import { expect, test } from "vitest";
import { type AsyncTask, ManualTask, Stopped, spawn } from "../src/index.ts";
import { deferred, nextTurn } from "./support/turns.ts";

const activeTimers = () =>
  process.getActiveResourcesInfo().filter((kind) => kind === "Timeout" || kind === "Immediate")
    .length;

test("stop is idempotent: the first reason stays, callbacks fire exactly once", async () => {
  const task = spawn(async () => {
    await new ManualTask();
  });
  const fired: string[] = [];
  task.addStopCallback(() => fired.push("a"));
  task.addStopCallback(() => fired.push("b"));
  await nextTurn();
  const first = task.stop("first");
  const second = task.stop("second");
  expect(second).toBe(first);
  expect(task.stopReason).toBe("first");
  expect(fired).toEqual(["a", "b"]);
  await first;
  task.stop("third");
  expect(fired).toEqual(["a", "b"]);
  expect(task.stopReason).toBe("first");
});

test("stop() returns a promise that resolves (never rejects) once the task is done", async () => {
  const task = spawn(async () => {
    try {
      await new ManualTask();
    } finally {
      await nextTurn();
    }
  });
  await nextTurn();
  const stopped = task.stop();
  expect(task.isDone).toBe(false);
  await expect(stopped).resolves.toBeUndefined();
  expect(task.isDone).toBe(true);
  await expect(spawn(() => 1).stop()).resolves.toBeUndefined();
});

test("a stop callback added to a stopped task is called at once; removed callbacks are not called", async () => {
  const task = spawn(async () => {
    await new ManualTask();
  });
  const fired: string[] = [];
  const removed = () => fired.push("removed");
  task.addStopCallback(removed);
  task.removeStopCallback(removed);
  task.removeStopCallback(() => {});
  await nextTurn();
  await task.stop();
  task.addStopCallback(() => fired.push("late"));
  expect(fired).toEqual(["late"]);
});

test("the signal aborts the moment the task is stopped, with the Stopped error as its reason", async () => {
  const task = spawn(async () => {
    await new ManualTask();
  });
  const signal = task.signal;
  expect(signal.aborted).toBe(false);
  const events: string[] = [];
  signal.addEventListener("abort", () => events.push("abort"));
  await nextTurn();
  task.stop("why");
  expect(events).toEqual(["abort"]);
  expect(signal.reason).toBeInstanceOf(Stopped);
  expect((signal.reason as Stopped).reason).toBe("why");
  await task.stop();
  // A signal first asked for after the stop is aborted already, with the same error.
  const late = spawn(() => {});
  await late.stop("late");
  expect(late.signal.aborted).toBe(true);
  expect(late.signal.reason).toBeInstanceOf(Stopped);
  expect(late.signal.reason).toBe(late.signal.reason);
});

test("a body that ignores the stop still reports isStopped, and its signal is aborted", async () => {
  const release = deferred();
  let sawStopped = false;
  let sawAborted = false;
  const task = spawn(async () => {
    const self = task;
    await release.promise; // a plain promise: not stop-aware
    sawStopped = self.isStopped;
    sawAborted = self.signal.aborted;
    return "ignored the stop";
  });
  await nextTurn();
  const stopped = task.stop();
  expect(task.isStopped).toBe(true);
  expect(task.isDone).toBe(false);
  release.resolve();
  await stopped;
  expect(sawStopped).toBe(true);
  expect(sawAborted).toBe(true);
  expect(await task).toBe("ignored the stop");
});

// Heavy: seconds on a quiet machine, several times that on a loaded one.
test("stopping a parent with 10,000 waiting descendants wakes every one, without timers", async () => {
  const timersBefore = activeTimers();
  const woken: number[] = [];
  const ready = deferred();
  const parent = spawn(async () => {
    for (let i = 0; i < 100; i++) {
      spawn(async () => {
        for (let j = 0; j < 99; j++) {
          spawn(async () => {
            try {
              await new ManualTask();
            } catch (error) {
              if (error instanceof Stopped) woken.push(1);
            }
          });
        }
        try {
          await new ManualTask();
        } catch (error) {
          if (error instanceof Stopped) woken.push(1);
        }
      });
    }
    ready.resolve();
    await new ManualTask();
  });
  await ready.promise;
  await nextTurn();
  // Nothing here started a timer (the runner's own may come and go).
  expect(activeTimers()).toBeLessThanOrEqual(timersBefore);
  await parent.stop("all of you");
  expect(woken).toHaveLength(10_000);
}, 120_000);

// Heavy: seconds on a quiet machine, several times that on a loaded one.
test("a chain 1,000 deep and a root with 100,000 children stop without overflowing the stack", async () => {
  const nest = (left: number): AsyncTask<void> =>
    spawn(async () => {
      if (left === 0) await new ManualTask();
      else await nest(left - 1);
    });
  const deep = nest(999);
  const wide = spawn(async () => {
    for (let i = 0; i < 100_000; i++) {
      spawn(async () => {
        await new ManualTask();
      });
    }
    await new ManualTask();
  });
  await nextTurn();
  await Promise.all([deep.stop(), wide.stop()]);
  expect(deep.isDone && wide.isDone).toBe(true);
}, 120_000);

test("a deeply nested chain of synchronous stops (a task per level, each the child of the last) unwinds", async () => {
  // Each level is a child of the one before, built without awaiting, so the
  // cascade walks 10,000 levels of children.
  const depth = 10_000;
  const built = deferred();
  let deepest: AsyncTask<void> | undefined;
  const level = (left: number): AsyncTask<void> =>
    spawn(async () => {
      if (left === 0) {
        built.resolve();
        await new ManualTask();
        return;
      }
      deepest = level(left - 1);
      await new ManualTask();
    });
  const root = level(depth);
  await built.promise;
  await root.stop("deep");
  expect(deepest?.isStopped).toBe(true);
  expect(deepest?.stopReason).toBe("deep");
});

test("stop is level-triggered: a stopped task's later waits reject at once", async () => {
  const outcomes: string[] = [];
  const other = new ManualTask<number>();
  const task = spawn(async () => {
    try {
      await new ManualTask();
    } catch {
      // A broad catch does not carry the stopped task on: the next wait rejects too.
      try {
        await other;
      } catch (error) {
        outcomes.push((error as Error).name);
      }
    }
  });
  await nextTurn();
  await task.stop();
  expect(outcomes).toEqual(["Stopped"]);
});

import { throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";
import { AsyncTask, currentTask, ManualTask, Stopped, spawn, taskChain } from "../src/index.ts";
import { nextTurn } from "./support/turns.ts";

test("the body never starts before spawn returns; it starts on a later microtask", async () => {
  const events: string[] = [];
  const task = spawn(() => {
    events.push("body");
  });
  events.push("spawn returned");
  await Promise.resolve();
  await Promise.resolve();
  expect(events).toEqual(["spawn returned", "body"]);
  await task;
});

test("sync, async and thenable bodies all give their result", async () => {
  expect(await spawn(() => 1)).toBe(1);
  expect(await spawn(async () => 2)).toBe(2);
  const thenable: PromiseLike<number> = {
    // biome-ignore lint/suspicious/noThenProperty: a foreign thenable on purpose.
    then(onFulfilled) {
      setTimeout(() => onFulfilled?.(3), 1);
      return this as never;
    },
  };
  expect(await spawn(() => thenable)).toBe(3);
});

test("sync throws, async rejections and rejecting thenables fail the task", async () => {
  const sync = spawn(() => {
    throw new TypeError("sync");
  });
  await expect(sync.wait()).rejects.toThrow("sync");
  const asyncFail = spawn(async () => {
    await nextTurn();
    throw new RangeError("async");
  });
  await expect(asyncFail).rejects.toThrow("async");
  const thenable: PromiseLike<never> = {
    // biome-ignore lint/suspicious/noThenProperty: a foreign thenable on purpose.
    then(_onFulfilled, onRejected) {
      onRejected?.(new Error("thenable"));
      onRejected?.(new Error("called twice"));
      return this as never;
    },
  };
  await expect(spawn(() => thenable).wait()).rejects.toThrow("thenable");
});

test("result and wait() give the same outcome, as often as asked", async () => {
  const task = spawn(async (a: number, b: number) => a + b, { args: [3, 4], name: "adder" });
  expect(await task.result).toBe(7);
  expect(await task.wait()).toBe(7);
  expect(await task).toBe(7);
  expect(task.isDone).toBe(true);
  expect(task.isStopped).toBe(false);
  expect(task.stopReason).toBeUndefined();
});

test("the name defaults to the function's name, else anonymous", async () => {
  function fetchReport() {
    return currentTask()?.name;
  }
  expect(await spawn(fetchReport)).toBe("fetchReport");
  expect(spawn(fetchReport).name).toBe("fetchReport");
  expect(await spawn(() => currentTask()?.name, { name: "explicit" })).toBe("explicit");
  expect(
    spawn(
      (
        () => () =>
          1
      )(),
    ).name,
  ).toBe("anonymous");
});

test("the body runs inside taskContext: its name on the throughline, the task current", async () => {
  const seen = await throughline.run({ name: "request" }, () => {
    const task = spawn(() => ({ chain: taskChain(), current: currentTask() }), { name: "job" });
    return task.then((value) => ({ ...value, task }));
  });
  expect(seen.chain).toEqual(["request", "job"]);
  expect(seen.current).toBe(seen.task);
});

test("onFinish is called once with (result, undefined) or (undefined, error)", async () => {
  const calls: unknown[][] = [];
  await spawn(() => 5, { onFinish: (result, error) => calls.push([result, error]) });
  const failure = new Error("no");
  await spawn(
    () => {
      throw failure;
    },
    { onFinish: (result, error) => calls.push([result, error]) },
  )
    .wait()
    .catch(() => {});
  expect(calls).toEqual([
    [5, undefined],
    [undefined, failure],
  ]);
});

test("addFinishCallback after the finish calls back at once", async () => {
  const task = spawn(() => "x");
  await task;
  const calls: unknown[][] = [];
  task.addFinishCallback((result, error) => calls.push([result, error]));
  expect(calls).toEqual([["x", undefined]]);
});

test("start: false creates the task without running it; start() runs it in its creator's context", async () => {
  let ran = false;
  const task = throughline.run(
    { name: "creator" },
    () =>
      new AsyncTask(
        () => {
          ran = true;
          return taskChain();
        },
        { start: false, name: "deferred" },
      ),
  );
  await nextTurn();
  expect(ran).toBe(false);
  expect(task.isDone).toBe(false);
  const chain = await throughline.run({ name: "elsewhere" }, () => task.start().wait());
  expect(chain).toEqual(["creator", "deferred"]);
  expect(task.start()).toBe(task);
});

test("a task stopped before its body started never runs the body and completes with Stopped", async () => {
  let ran = false;
  const deferredTask = new AsyncTask(
    () => {
      ran = true;
    },
    { start: false },
  );
  await deferredTask.stop("never mind");
  deferredTask.start();
  const immediate = spawn(() => {
    ran = true;
  });
  immediate.stop();
  await nextTurn();
  expect(ran).toBe(false);
  const error = await deferredTask.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe("never mind");
  await expect(immediate.wait()).rejects.toBeInstanceOf(Stopped);
});

test("a body that ignores the stop keeps its result", async () => {
  const gate = new ManualTask<void>();
  const task = spawn(async () => {
    await gate.wait().catch(() => {});
    return "finished anyway";
  });
  await nextTurn();
  gate.resolve();
  task.stop();
  expect(await task).toBe("finished anyway");
  expect(task.isStopped).toBe(true);
});

import { stoppable } from "@gentletask/primitives";
import { Stopped, spawn } from "@gentletask/tasks";
import { expect, test } from "vitest";
import { nextTurn, outcome, ProtocolTask } from "./support.js";

test("settles as the promise does, in a task and outside", async () => {
  expect(await stoppable(Promise.resolve(1))).toBe(1);
  await expect(stoppable(Promise.reject(new Error("no")))).rejects.toThrow("no");
  const task = spawn(async () => [
    await stoppable(Promise.resolve(2)),
    await outcome(stoppable(Promise.reject(new Error("inside")))),
  ]);
  const [value, failure] = (await task.wait()) as [number, { error: Error }];
  expect(value).toBe(2);
  expect(failure.error.message).toBe("inside");
});

test("accepts any thenable", async () => {
  const thenable = {
    // biome-ignore lint/suspicious/noThenProperty: a custom thenable is the point of this test
    then: (resolve: (value: string) => void) => resolve("thenable"),
  } as unknown as PromiseLike<string>;
  expect(await stoppable(thenable)).toBe("thenable");
  const task = new ProtocolTask();
  expect(await task.run(() => stoppable(thenable))).toBe("thenable");
});

test("a later rejection of the promise, after the stop won, is never reported as unhandled", async () => {
  let reject!: (error: Error) => void;
  const slow = new Promise<never>((_, rejectSlow) => {
    reject = rejectSlow;
  });
  const task = spawn(() => stoppable(slow));
  await nextTurn();
  await task.stop("first");
  const result = await outcome(task.wait());
  expect((result as { error: unknown }).error).toBeInstanceOf(Stopped);
  reject(new Error("too late"));
  // The setup file fails this test if the late rejection surfaces as unhandled.
  await nextTurn();
});

test("in an already stopped task, the promise's later rejection is observed too", async () => {
  let reject!: (error: Error) => void;
  const task = spawn(async () => {
    await outcome(stoppable(new Promise(() => {})));
    return outcome(
      stoppable(
        new Promise<never>((_, rejectLater) => {
          reject = rejectLater;
        }),
      ),
    );
  });
  await nextTurn();
  await task.stop();
  reject(new Error("late"));
  await nextTurn();
});

test("a thenable whose then throws rejects with that error", async () => {
  const hostile = {
    // biome-ignore lint/suspicious/noThenProperty: a hostile thenable is the point of this test
    then() {
      throw new Error("hostile then");
    },
  };
  await expect(stoppable(hostile as PromiseLike<never>)).rejects.toThrow("hostile then");
  const task = new ProtocolTask();
  await expect(task.run(() => stoppable(hostile as PromiseLike<never>))).rejects.toThrow(
    "hostile then",
  );
  expect(task.callbacks.size).toBe(0);
});

test("non-thenables are refused", () => {
  expect(() => stoppable(42 as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: stoppable: expected \`promise\` to be a promise or thenable, got 42 (number)]`,
  );
  // biome-ignore lint/suspicious/noThenProperty: a non-callable then is the point of this check
  expect(() => stoppable({ then: 1 } as never)).toThrow(TypeError);
});

test("waits from many tasks on one promise each end their own way", async () => {
  let resolve!: (value: string) => void;
  const shared = new Promise<string>((resolveShared) => {
    resolve = resolveShared;
  });
  const first = spawn(() => stoppable(shared));
  const stopped = spawn(() => stoppable(shared));
  await nextTurn();
  await stopped.stop("not needed");
  const late = spawn(() => stoppable(shared));
  await nextTurn();
  resolve("shared value");
  expect(await first.wait()).toBe("shared value");
  expect(await late.wait()).toBe("shared value");
  const error = await stopped.wait().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe("not needed");
  // Once settled, a new wait on the same promise still gets its outcome.
  expect(await spawn(() => stoppable(shared)).wait()).toBe("shared value");
});

import { throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";
import { ManualTask, Stopped, spawn, TaskTimeoutError } from "../src/index.ts";
import { nextTurn } from "./support/turns.ts";

test("Stopped is an Error named Stopped that carries its reason", () => {
  const plain = new Stopped();
  expect(plain).toBeInstanceOf(Error);
  expect(plain.name).toBe("Stopped");
  expect(plain.reason).toBeUndefined();
  expect(plain.message).toBe("task stopped");
  const withText = new Stopped("shutting down");
  expect(withText.reason).toBe("shutting down");
  expect(withText.message).toBe("task stopped: shutting down");
  const cause = new Error("deadline");
  const withError = new Stopped(cause);
  expect(withError.reason).toBe(cause);
  expect(withError.cause).toBe(cause);
  expect(withError.message).toBe("task stopped: deadline");
  expect(Object.keys(withText)).toEqual(["reason"]);
});

test("a Stopped that escapes a task remembers the task's throughline", async () => {
  const task = spawn(
    async () => {
      await new ManualTask();
    },
    { name: "waiter" },
  );
  await nextTurn();
  task.stop("bye");
  const error = await task.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
  expect(throughline.errorFrames(error)).toEqual([{ name: "waiter" }]);
});

test("TaskTimeoutError names the task and the deadline, and keeps the task out of serializers", async () => {
  const task = new ManualTask<number>({ name: "slow" });
  const error = new TaskTimeoutError(task, 25);
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe("TimeoutError");
  expect(error.task).toBe(task);
  expect(error.taskName).toBe("slow");
  expect(error.timeoutMs).toBe(25);
  expect(error.message).toBe('task "slow" did not finish within 25 ms');
  expect(Object.keys(error)).toEqual(["taskName", "timeoutMs"]);
  expect(JSON.parse(JSON.stringify(error))).toEqual({ taskName: "slow", timeoutMs: 25 });
});

test("isStopOnly: a Stopped of any copy, an error caused by one, an AggregateError of nothing else; never a failure, never a throw", async () => {
  const { isStopOnly } = await import("../src/internal.ts");
  const stopped = new Stopped("bye");
  const abort = Object.assign(new Error("The operation was aborted"), {
    name: "AbortError",
    cause: stopped,
  });
  const foreign = Object.assign(new Error("from a worker thread"), { name: "Stopped" });
  const selfHolding = new AggregateError([], "holds itself");
  (selfHolding as { errors: unknown[] }).errors.push(selfHolding);
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const cyclic: { cause?: unknown } = new Error("cause cycle");
  cyclic.cause = cyclic;
  expect(
    [
      stopped,
      abort,
      foreign,
      new AggregateError([stopped, abort, new AggregateError([foreign])]),
    ].map((error) => isStopOnly(error)),
  ).toEqual([true, true, true, true]);
  expect(
    [
      new Error("boom"),
      new AggregateError([stopped, new Error("boom")]),
      new AggregateError([]),
      selfHolding,
      cyclic,
      revoked.proxy,
      "Stopped",
      undefined,
    ].map((error) => isStopOnly(error)),
  ).toEqual([false, false, false, false, false, false, false, false]);
});

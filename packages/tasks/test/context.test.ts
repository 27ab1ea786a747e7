import { throughline } from "@gentletask/semantic-stack";
import { runInTask } from "@gentletask/semantic-stack/task-record";
import { expect, test } from "vitest";
import {
  currentTask,
  isTask,
  ManualTask,
  Stopped,
  spawn,
  type Task,
  taskChain,
  taskContext,
} from "../src/index.ts";
import { nextTurn } from "./support/turns.ts";

/** A minimal custom task: a flag, callbacks, and a ManualTask for completion. */
class Flagged implements Task<string> {
  readonly name = "flagged";
  isStopped = false;
  stopReason: unknown;
  readonly #done = new ManualTask<string>();
  readonly #callbacks = new Set<() => void>();
  get isDone() {
    return this.#done.isDone;
  }
  get result() {
    return this.wait();
  }
  wait() {
    return this.#done.wait();
  }
  finish(value: string) {
    this.#done.resolve(value);
  }
  stop(reason?: unknown) {
    if (this.isStopped) return;
    this.isStopped = true;
    this.stopReason = reason;
    for (const fn of this.#callbacks) fn();
    this.#callbacks.clear();
  }
  addFinishCallback(fn: (result: string | undefined, error: unknown) => void) {
    this.#done.addFinishCallback(fn);
  }
  addStopCallback(fn: () => void) {
    if (this.isStopped) fn();
    else this.#callbacks.add(fn);
  }
  removeStopCallback(fn: () => void) {
    this.#callbacks.delete(fn);
  }
  detach() {}
  get callbackCount() {
    return this.#callbacks.size;
  }
}

test("outside any task there is no current task and the chain is empty", () => {
  expect(currentTask()).toBeUndefined();
  expect(taskChain()).toEqual([]);
});

test("taskContext makes a custom task current and pushes its name, for the async extent", async () => {
  const custom = new Flagged();
  expect(isTask(custom)).toBe(true);
  const seen = await throughline.run({ name: "outer" }, () =>
    taskContext(custom, "flagged", async () => {
      await nextTurn();
      return { current: currentTask(), chain: taskChain() };
    }),
  );
  expect(seen.current).toBe(custom);
  expect(seen.chain).toEqual(["outer", "flagged"]);
  expect(currentTask()).toBeUndefined();
});

test("taskContext returns what fn returns, untouched", () => {
  const custom = new Flagged();
  expect(taskContext(custom, "x", () => 42)).toBe(42);
});

test("a task spawned inside a custom task is stopped by its stop, and unhooks when done", async () => {
  const custom = new Flagged();
  const child = taskContext(custom, "flagged", () =>
    spawn(async () => {
      await new ManualTask();
    }),
  );
  const quick = taskContext(custom, "flagged", () => spawn(() => "quick"));
  await quick;
  expect(custom.callbackCount).toBe(1);
  await nextTurn();
  custom.stop("custom stop");
  const error = await child.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe("custom stop");
  expect(custom.callbackCount).toBe(0);
  // Level-triggered for custom parents too.
  const late = taskContext(custom, "flagged", () => spawn(() => 1));
  expect(late.isStopped).toBe(true);
});

test("a wait inside a custom task rejects when that task is stopped", async () => {
  const custom = new Flagged();
  const other = new ManualTask<number>();
  const waited = taskContext(custom, "flagged", () => other.wait());
  custom.stop("custom");
  await expect(waited).rejects.toBeInstanceOf(Stopped);
  // Only the wait ends: the awaited task is not the waiter's to stop.
  expect(other.isStopped).toBe(false);
  other.resolve(1);
});

test("currentTask ignores a task record that is not a task", () => {
  expect(runInTask({ not: "a task" }, "plain", () => currentTask())).toBeUndefined();
});

import { expect, test } from "vitest";
import { AsyncTask, isTask, ManualTask, MultiTask, SerialWorker, spawn } from "../src/index.ts";

function shape(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "custom",
    isDone: false,
    isStopped: false,
    stopReason: undefined,
    result: Promise.resolve(),
    wait: () => Promise.resolve(),
    stop: () => {},
    addFinishCallback: () => {},
    addStopCallback: () => {},
    removeStopCallback: () => {},
    detach: () => {},
    ...overrides,
  };
}

test("every built-in task is a task", async () => {
  const worker = new SerialWorker();
  const tasks = [
    spawn(() => 1),
    new AsyncTask(() => 1, { start: false }),
    new ManualTask(),
    new MultiTask([]),
    worker.submit(() => 1),
  ];
  for (const task of tasks) expect(isTask(task)).toBe(true);
  await worker.stop();
});

test("isTask is structural: any object of the right shape is a task", () => {
  expect(isTask(shape())).toBe(true);
  class Getters {
    get name() {
      return "g";
    }
    get isDone() {
      return false;
    }
    get isStopped() {
      return false;
    }
    get stopReason() {
      return undefined;
    }
    get result(): Promise<void> {
      throw new Error("isTask must not start a wait");
    }
    wait() {
      return Promise.resolve();
    }
    stop() {}
    addFinishCallback() {}
    addStopCallback() {}
    removeStopCallback() {}
    detach() {}
  }
  expect(isTask(new Getters())).toBe(true);
});

test("isTask rejects what lacks a member or has a non-function method", () => {
  for (const value of [undefined, null, 42, "task", Promise.resolve(), {}, () => {}]) {
    expect(isTask(value)).toBe(false);
  }
  for (const member of [
    "wait",
    "stop",
    "addFinishCallback",
    "addStopCallback",
    "removeStopCallback",
    "detach",
  ]) {
    expect(isTask(shape({ [member]: "not a function" })), member).toBe(false);
  }
  for (const member of ["name", "isDone", "isStopped", "stopReason", "result"]) {
    const value = shape();
    delete value[member];
    expect(isTask(value), member).toBe(false);
  }
});

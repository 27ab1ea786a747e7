import { expect, test } from "vitest";
import {
  AsyncTask,
  isTask,
  ManualTask,
  MultiTask,
  raiseErrors,
  SerialWorker,
  spawn,
} from "../src/index.ts";

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

test("isTask never throws: a revoked Proxy or a throwing getter is not a task", () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  expect(isTask(revoked.proxy)).toBe(false);
  const revokedFunction = Proxy.revocable(() => {}, {});
  revokedFunction.revoke();
  expect(isTask(revokedFunction.proxy)).toBe(false);
  const hostile = shape();
  Object.defineProperty(hostile, "stop", {
    get() {
      throw new Error("no stop for you");
    },
  });
  expect(isTask(hostile)).toBe(false);
  const trap = new Proxy(shape(), {
    has() {
      throw new Error("has trap");
    },
  });
  expect(isTask(trap)).toBe(false);
});

test("raiseErrors and spawn name the argument when given a revoked Proxy", async () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  expect(() => raiseErrors(revoked.proxy as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: raiseErrors: expected \`task\` to be a task, got an object]`,
  );
  // A revoked function passes the `typeof` check; its name cannot be read,
  // so the task is "anonymous", and calling it fails the task.
  const revokedFn = Proxy.revocable(() => 1, {});
  revokedFn.revoke();
  const task = spawn(revokedFn.proxy);
  expect(task.name).toBe("anonymous");
  await expect(task.wait()).rejects.toThrow(TypeError);
});

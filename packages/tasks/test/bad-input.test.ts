import { expect, test } from "vitest";
import {
  AsyncTask,
  asynch,
  ManualTask,
  MultiTask,
  raiseErrors,
  SerialWorker,
  spawn,
  synch,
  taskContext,
} from "../src/index.ts";

// Deliberately wrong calls, typed loosely so the runtime checks are what is tested.
const loose = <F>(fn: F) => fn as unknown as (...args: unknown[]) => unknown;

test("spawn and AsyncTask name what was wrong, and start nothing", async () => {
  expect(() => loose(spawn)(42)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: expected \`fn\` to be a function, got 42 (number)]`,
  );
  expect(() => loose(spawn)(() => 1, { name: 7 })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: expected \`options.name\` to be a string, got 7 (number)]`,
  );
  expect(() => spawn(() => 1, { timeoutMs: -1 })).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: spawn: expected \`options.timeoutMs\` to be a non-negative number of milliseconds, got -1 (number)]`,
  );
  expect(() => spawn(() => 1, { timeoutMs: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: spawn: expected \`options.timeoutMs\` to be a non-negative number of milliseconds, got NaN (number)]`,
  );
  expect(() => loose(spawn)(() => 1, { timeoutMs: "5" })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: expected \`options.timeoutMs\` to be a number of milliseconds, got "5" (string)]`,
  );
  expect(() => loose(spawn)(() => 1, { args: 1 })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: expected \`options.args\` to be an array, got 1 (number)]`,
  );
  expect(() => loose(spawn)(() => 1, { signal: {} })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: expected \`options.signal\` to be an AbortSignal, got an object]`,
  );
  expect(() => loose(spawn)(() => 1, { onFinish: "x" })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: expected \`options.onFinish\` to be a function, got "x" (string)]`,
  );
  expect(() => loose(spawn)(() => 1, { raiseErrors: true })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: expected \`options.raiseErrors\` to be false or a message template string, got true (boolean)]`,
  );
  expect(() => loose(spawn)(() => 1, { detach: "yes" })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: expected \`options.detach\` to be a boolean, got "yes" (string)]`,
  );
  expect(() => loose(spawn)(() => 1, 5)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: expected \`options\` to be an object, got 5 (number)]`,
  );
  expect(() => new AsyncTask(null as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: AsyncTask: expected \`fn\` to be a function, got null]`,
  );
  let ran = false;
  expect(() =>
    spawn(
      () => {
        ran = true;
      },
      { timeoutMs: -5 },
    ),
  ).toThrow(RangeError);
  await new Promise((resolve) => setImmediate(resolve));
  expect(ran).toBe(false);
});

test("wait with a bad timeout throws and leaves the task as it was", async () => {
  const task = new ManualTask<number>();
  expect(() => task.wait(-1)).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: ManualTask.wait: expected \`timeoutMs\` to be a non-negative number of milliseconds, got -1 (number)]`,
  );
  expect(() => task.wait(Number.NaN)).toThrow(RangeError);
  expect(() => loose(task.wait.bind(task))("1")).toThrow(TypeError);
  expect(task.isDone || task.isStopped).toBe(false);
  task.resolve(1);
  expect(await task).toBe(1);
});

test("callbacks must be functions", () => {
  const task = new ManualTask();
  expect(() => loose(task.addStopCallback.bind(task))(1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: ManualTask.addStopCallback: expected \`fn\` to be a function, got 1 (number)]`,
  );
  expect(() => loose(task.addFinishCallback.bind(task))(null)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: ManualTask.addFinishCallback: expected \`fn\` to be a function, got null]`,
  );
});

test("ManualTask, MultiTask and SerialWorker check their arguments", async () => {
  expect(() => new ManualTask({ name: 1 as never })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: ManualTask: expected \`options.name\` to be a string, got 1 (number)]`,
  );
  expect(() => new MultiTask(5 as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: MultiTask: expected \`tasks\` to be an iterable of tasks, got 5 (number)]`,
  );
  expect(() => new MultiTask([new ManualTask(), 3] as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: MultiTask: expected \`tasks[1]\` to be a task, got 3 (number)]`,
  );
  expect(() => new SerialWorker(3 as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: SerialWorker: expected \`name\` to be a string, got 3 (number)]`,
  );
  const worker = new SerialWorker("w");
  expect(() => loose(worker.submit.bind(worker))("job")).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: w.submit: expected \`fn\` to be a function, got "job" (string)]`,
  );
  expect(() => loose(worker.submit.bind(worker))(() => 1, { args: "a" })).toThrow(TypeError);
  // A job's methods speak of a Task, not of the package's internal class.
  const job = worker.submit(() => 1);
  expect(() => job.wait("soon" as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: Task.wait: expected \`timeoutMs\` to be a number of milliseconds, got "soon" (string)]`,
  );
  expect(() => job.addStopCallback(3 as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: Task.addStopCallback: expected \`fn\` to be a function, got 3 (number)]`,
  );
  await job;
  await worker.stop();
});

test("asynch, synch, taskContext and raiseErrors check their arguments", () => {
  expect(() => loose(asynch)({})).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: asynch: expected \`fn\` to be a function, got an object]`,
  );
  expect(() => loose(asynch)(() => 1, { timeoutMs: -1 })).toThrow(RangeError);
  expect(() => loose(synch)(undefined)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: synch: expected \`fn\` to be a function, got undefined (undefined)]`,
  );
  expect(() => loose(taskContext)({}, "x", () => 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: taskContext: expected \`task\` to be a task, got an object]`,
  );
  const task = new ManualTask();
  expect(() => loose(taskContext)(task, 1, () => 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: taskContext: expected \`name\` to be a string, got 1 (number)]`,
  );
  expect(() => loose(taskContext)(task, "x", 1)).toThrow(TypeError);
  expect(() => loose(raiseErrors)("task")).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: raiseErrors: expected \`task\` to be a task, got "task" (string)]`,
  );
  expect(() => loose(raiseErrors)(task, 5)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: raiseErrors: expected \`message\` to be a string, got 5 (number)]`,
  );
});

test("options are read once: a getter that changes its answer after the check cannot leave a task behind", async () => {
  const { taskTree } = await import("../src/index.ts");
  let reads = 0;
  const shifty = {
    name: "ghost",
    get onFinish(): unknown {
      reads++;
      return reads === 1 ? () => {} : 42;
    },
  };
  const ran: string[] = [];
  const task = spawn(() => ran.push("body"), shifty as never);
  await task;
  const ghosts = taskTree().filter((node) => node.name === "ghost");
  expect({ reads, ran, ghosts }).toEqual({ reads: 1, ran: ["body"], ghosts: [] });
});

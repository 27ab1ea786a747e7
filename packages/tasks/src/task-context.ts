import { throughline } from "@gentletask/semantic-stack";
import { checkFunction, typeError } from "@gentletask/semantic-stack/argument-errors";
import { currentTaskRecord, runInTask } from "@gentletask/semantic-stack/task-record";
import { nodeOf } from "./core/task-node.js";
import { isTask, type Task } from "./task.js";

/**
 * Runs `fn` as `task`: `name` is pushed on the throughline and `task`
 * becomes the current task, for `fn`'s synchronous and asynchronous extent.
 * Returns what `fn` returns (a promise stays a promise). This is how a
 * custom task enters its own context so that `currentTask()`, `taskChain()`
 * and the stop-aware waits inside it see it.
 *
 * @throws TypeError if `task` is not a task, `name` not a string, or `fn` not a function.
 * @example
 * ```ts
 * import { ManualTask, taskChain, taskContext } from "@gentletask/tasks";
 *
 * // Any object of the Task shape can run code as the current task; a ManualTask is one.
 * const myTask = new ManualTask<void>({ name: "countdown" });
 * taskContext(myTask, "countdown", () => {
 *   console.log(taskChain()); // ["countdown"]
 * });
 * myTask.resolve();
 * ```
 */
export function taskContext<T>(task: Task, name: string, fn: () => T): T {
  if (!isTask(task)) typeError("taskContext", "task", "a task", task);
  if (typeof name !== "string") typeError("taskContext", "name", "a string", name);
  checkFunction("taskContext", "fn", fn);
  return runInTask(task, name, fn);
}

/**
 * The innermost running task, or `undefined` outside any task.
 *
 * @example
 * ```ts
 * import { currentTask, spawn } from "@gentletask/tasks";
 *
 * console.log(await spawn(() => currentTask()?.name, { name: "worker" })); // "worker"
 * ```
 */
export function currentTask(): Task | undefined {
  const record = currentTaskRecord();
  if (record === undefined) return undefined;
  // Built-in tasks are checked by class, which is far cheaper than the
  // structural check that custom tasks need.
  return nodeOf(record) !== undefined || isTask(record) ? (record as Task) : undefined;
}

/**
 * The names of the running tasks (every `name` on the throughline),
 * outermost first.
 *
 * @example
 * ```ts
 * import { spawn, taskChain } from "@gentletask/tasks";
 *
 * const chain = await spawn(() => spawn(() => taskChain(), { name: "child" }).wait(), {
 *   name: "parent",
 * });
 * console.log(chain); // ["parent", "child"]
 * ```
 */
export function taskChain(): string[] {
  return throughline.collect<string>("name");
}

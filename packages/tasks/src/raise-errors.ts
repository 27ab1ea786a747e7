import { checkOptionalString, typeError } from "@gentletask/semantic-stack/argument-errors";
import { armRaiseErrors } from "./core/callbacks.js";
import { nodeOf } from "./core/task-node.js";
import { DEFAULT_RAISE_TEMPLATE, raiseErrorsReport } from "./raise-report.js";
import { reportUncaught } from "./report-uncaught.js";
import { isStopOnly } from "./stopped.js";
import { isTask, type Task } from "./task.js";

const armed = new WeakSet<Task>();

/**
 * Asks that `task`'s failure (anything but a stop: `Stopped`, or the
 * `AggregateError` of `Stopped`s a stopped `MultiTask` fails with) be
 * reported as an uncaught error: on Node it is thrown from a fresh tick,
 * so `process` emits `uncaughtException` (and the process ends unless
 * something listens); elsewhere it goes to `reportError`. The reported
 * error's message is `message` with `{name}` and `{error}` filled in; its
 * `cause` is the failure.
 * Reported once per task, whether or not anyone also waits on it, and
 * however often this is called (the first template wins).
 *
 * @throws TypeError if `task` is not a task or `message` not a string.
 * @example
 * ```ts
 * import { raiseErrors, spawn } from "@gentletask/tasks";
 *
 * async function refreshCache(): Promise<void> {
 *   // ... work that should crash the process loudly if it fails
 * }
 * raiseErrors(spawn(refreshCache, { name: "refresher" }), "background job {name} crashed: {error}");
 * ```
 */
export function raiseErrors(task: Task, message: string = DEFAULT_RAISE_TEMPLATE): void {
  if (!isTask(task)) typeError("raiseErrors", "task", "a task", task);
  checkOptionalString("raiseErrors", "message", message);
  const node = nodeOf(task);
  if (node !== undefined) {
    armRaiseErrors(node, message);
    return;
  }
  if (armed.has(task)) return;
  armed.add(task);
  task.addFinishCallback((_result, error) => {
    if (error !== undefined && !isStopOnly(error)) {
      reportUncaught(raiseErrorsReport(message, task.name, error));
    }
  });
}

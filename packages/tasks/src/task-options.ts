import {
  checkDuration,
  checkFunction,
  checkOptionalString,
  checkOptions,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { functionName } from "./function-name.js";
import type { FinishCallback } from "./task.js";

/**
 * Options for {@link AsyncTask} and {@link spawn}.
 *
 * @example
 * ```ts
 * import { spawn, type TaskOptions } from "@gentletask/tasks";
 *
 * const options: TaskOptions<number, [number]> = { name: "square", args: [9], timeoutMs: 1_000 };
 * console.log(await spawn((x: number) => x * x, options)); // 81
 * ```
 */
export interface TaskOptions<T, A extends unknown[] = []> {
  /** The task's name on the throughline; default `fn.name`, else `"anonymous"`. */
  name?: string;
  /** Arguments the body is called with. */
  args?: A;
  /** `true`: not a child of the current task (it keeps its throughline ancestry). */
  detach?: boolean;
  /** Default `true`; `false` creates the task without starting it: call `start()`. */
  start?: boolean;
  /** Called once with `(result, error)` when the task finishes. */
  onFinish?: FinishCallback<T>;
  /**
   * A message template (`{name}` and `{error}` are filled in): report a
   * failure other than `Stopped` as an uncaught error. `false` (the default):
   * a failure reaches only those who wait.
   */
  raiseErrors?: false | string;
  /** Aborting this signal stops the task, with the signal's reason. */
  signal?: AbortSignal;
  /** Stop the task with a `TaskTimeoutError` reason if it has not finished after this long. */
  timeoutMs?: number;
}

const TASK_OPTION_KEYS = [
  "name",
  "args",
  "detach",
  "start",
  "onFinish",
  "raiseErrors",
  "signal",
  "timeoutMs",
] as const;

/**
 * Validates `options` for `where` (e.g. `"spawn"`) and returns what it read,
 * each field read once: a getter that answers differently the second time
 * cannot slip a wrong value past the check. Throws before anything is created.
 */
export function checkTaskOptions<T, A extends unknown[]>(
  where: string,
  options: TaskOptions<T, A> | undefined,
): TaskOptions<T, A> | undefined {
  checkOptions(where, options, TASK_OPTION_KEYS);
  if (options === undefined) return undefined;
  const { name, args, detach, start, onFinish, raiseErrors, signal, timeoutMs } = options;
  checkOptionalString(where, "options.name", name);
  if (args !== undefined && !Array.isArray(args)) {
    typeError(where, "options.args", "an array", args);
  }
  if (detach !== undefined && typeof detach !== "boolean") {
    typeError(where, "options.detach", "a boolean", detach);
  }
  if (start !== undefined && typeof start !== "boolean") {
    typeError(where, "options.start", "a boolean", start);
  }
  if (onFinish !== undefined) checkFunction(where, "options.onFinish", onFinish);
  if (raiseErrors !== undefined && raiseErrors !== false && typeof raiseErrors !== "string") {
    typeError(where, "options.raiseErrors", "false or a message template string", raiseErrors);
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    typeError(where, "options.signal", "an AbortSignal", signal);
  }
  if (timeoutMs !== undefined) checkDuration(where, "options.timeoutMs", timeoutMs);
  return { name, args, detach, start, onFinish, raiseErrors, signal, timeoutMs };
}

/** The name a task gets from its options or its function. */
export function taskName(name: string | undefined, fn: unknown): string {
  return name ?? functionName(fn, "anonymous");
}

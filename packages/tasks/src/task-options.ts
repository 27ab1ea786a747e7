import {
  checkDuration,
  checkFunction,
  checkOptionalString,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { functionName } from "./function-name.js";
import { checkOptions } from "./options-check.js";
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

/** Validates `options` for `where` (e.g. `"spawn"`); throws before anything is created. */
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

export function checkTaskOptions(where: string, options: unknown): void {
  checkOptions(where, options, TASK_OPTION_KEYS);
  if (options === undefined) return;
  const o = options as Record<string, unknown>;
  checkOptionalString(where, "options.name", o.name);
  if (o.args !== undefined && !Array.isArray(o.args)) {
    typeError(where, "options.args", "an array", o.args);
  }
  if (o.detach !== undefined && typeof o.detach !== "boolean") {
    typeError(where, "options.detach", "a boolean", o.detach);
  }
  if (o.start !== undefined && typeof o.start !== "boolean") {
    typeError(where, "options.start", "a boolean", o.start);
  }
  if (o.onFinish !== undefined) checkFunction(where, "options.onFinish", o.onFinish);
  if (o.raiseErrors !== undefined && o.raiseErrors !== false && typeof o.raiseErrors !== "string") {
    typeError(where, "options.raiseErrors", "false or a message template string", o.raiseErrors);
  }
  if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) {
    typeError(where, "options.signal", "an AbortSignal", o.signal);
  }
  if (o.timeoutMs !== undefined) checkDuration(where, "options.timeoutMs", o.timeoutMs);
}

/** The name a task gets from its options or its function. */
export function taskName(name: string | undefined, fn: unknown): string {
  return name ?? functionName(fn, "anonymous");
}

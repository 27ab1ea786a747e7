/**
 * Called once when a task finishes: with its result, or with `undefined` and the error it failed with.
 *
 * @example
 * ```ts
 * import { type FinishCallback, spawn } from "@gentletask/tasks";
 *
 * const report: FinishCallback<number> = (result, error) => {
 *   console.log(error === undefined ? `got ${result}` : `failed: ${String(error)}`);
 * };
 * spawn(() => 7).addFinishCallback(report); // got 7
 * ```
 */
export type FinishCallback<T> = (result: T | undefined, error: unknown) => void;

/**
 * Anything that can be stopped and waited on: the protocol every gentletask
 * task keeps, and all that the stop-aware waits rely on. Any object of this
 * shape is a task (see {@link isTask}); no base class is needed.
 *
 * To take part in push-based stopping, `stop()` must fire every stop
 * callback exactly once, and `addStopCallback` on a task that is already
 * stopped must call the callback at once.
 *
 * @example
 * ```ts
 * import { spawn, type Task } from "@gentletask/tasks";
 *
 * async function stopAll(tasks: readonly Task[]): Promise<void> {
 *   await Promise.all(tasks.map((task) => task.stop("done")));
 * }
 * await stopAll([spawn(() => 1), spawn(() => 2)]);
 * ```
 */
export interface Task<T = unknown> {
  /** The task's name, as it appears on the throughline. */
  readonly name: string;
  /** Whether the task has finished (its result or error is known). */
  readonly isDone: boolean;
  /** Whether a stop has been requested (it stays true). */
  readonly isStopped: boolean;
  /** The reason given to the first `stop(reason)`, or `undefined`. */
  readonly stopReason: unknown;
  /** The same as `wait()`. */
  readonly result: Promise<T>;
  /**
   * Resolves with the task's result or rejects with its error. Inside a task
   * that is stopped meanwhile, only the wait ends: it rejects with `Stopped`
   * carrying the caller's reason, and this task runs on (waits never adopt).
   * With `timeoutMs`, rejects with a `TaskTimeoutError` once the deadline
   * passes (without stopping this task).
   */
  wait(timeoutMs?: number): Promise<T>;
  /** Asks the task to stop: idempotent; the first call's reason is kept. */
  stop(reason?: unknown): void | Promise<void>;
  /** Calls `fn(result, error)` once the task finishes (at once if it has). */
  addFinishCallback(fn: FinishCallback<T>): void;
  /** Calls `fn()` once when the task is stopped (at once if it is). */
  addStopCallback(fn: () => void): void;
  /** Forgets a stop callback; nothing happens if it is not registered. */
  removeStopCallback(fn: () => void): void;
  /** Takes the task out of its parent's stop cascade; only the parent may call it. */
  detach(): void;
}

const FUNCTION_MEMBERS = [
  "wait",
  "stop",
  "addFinishCallback",
  "addStopCallback",
  "removeStopCallback",
  "detach",
] as const;
const VALUE_MEMBERS = ["name", "isDone", "isStopped", "stopReason", "result"] as const;

/**
 * Whether `value` has the shape of a {@link Task}: its methods are functions
 * and its properties are present. Structural, like a runtime-checkable
 * protocol: it checks presence, not behaviour, and never reads `result`
 * (which would start a wait).
 *
 * @example
 * ```ts
 * import { isTask, spawn } from "@gentletask/tasks";
 *
 * console.log(isTask(spawn(() => 1))); // true
 * console.log(isTask(Promise.resolve(1))); // false
 * ```
 */
export function isTask(value: unknown): value is Task {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  const record = value as Record<string, unknown>;
  for (const member of FUNCTION_MEMBERS) if (typeof record[member] !== "function") return false;
  for (const member of VALUE_MEMBERS) if (!(member in record)) return false;
  return true;
}

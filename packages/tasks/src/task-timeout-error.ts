import type { Task } from "./task.js";

/**
 * A deadline passed: `wait(timeoutMs)` rejects with it (without stopping the
 * awaited task), and a task spawned with `timeoutMs` is stopped with it as its
 * reason. Its `name` is `"TimeoutError"`, like the `DOMException` that
 * `AbortSignal.timeout` uses.
 *
 * `task` is the task that did not finish in time; it is not enumerable, so an
 * error serializer never walks into a live task. `taskName` and `timeoutMs`
 * are plain data for logs.
 *
 * @example
 * ```ts
 * import { ManualTask, TaskTimeoutError } from "@gentletask/tasks";
 *
 * const never = new ManualTask<void>({ name: "never" });
 * const error = await never.wait(10).catch((e: unknown) => e);
 * console.log(error instanceof TaskTimeoutError && error.taskName); // "never"
 * never.stop();
 * ```
 */
export class TaskTimeoutError extends Error {
  /** The task that did not finish in time. */
  declare readonly task: Task;
  /** The name of that task. */
  readonly taskName: string;
  /** The deadline that passed, in milliseconds. */
  readonly timeoutMs: number;

  /**
   * Creates the error for a deadline that passed before `task` finished.
   *
   * @param task - the task that did not finish in time.
   * @param timeoutMs - the deadline that passed, in milliseconds.
   */
  constructor(task: Task, timeoutMs: number) {
    const taskName = safeName(task);
    super(`task "${taskName}" did not finish within ${timeoutMs} ms`);
    Object.defineProperty(this, "task", { value: task, enumerable: false });
    this.taskName = taskName;
    this.timeoutMs = timeoutMs;
  }

  static {
    Object.defineProperty(TaskTimeoutError.prototype, "name", {
      value: "TimeoutError",
      writable: true,
      configurable: true,
    });
  }
}

function safeName(task: Task): string {
  try {
    return String(task.name);
  } catch {
    return "?";
  }
}

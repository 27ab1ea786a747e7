import { stoppedError, watchedTask } from "./watched-task.js";

/**
 * Throws the current task's `Stopped` (carrying its reason) if the task has
 * been stopped; otherwise returns at once. A known-safe point to surrender in
 * a long synchronous stretch of work. Outside any task, or inside
 * {@link shield}, it does nothing. Unlike `sleep(0)` it does not yield.
 *
 * @example
 * ```ts
 * import { checkStop } from "@gentletask/primitives";
 * import { spawn } from "@gentletask/tasks";
 *
 * const rows = Array.from({ length: 1_000 }, (_, i) => i);
 * let total = 0;
 * await spawn(() => {
 *   for (const row of rows) {
 *     checkStop(); // throws Stopped once the task is stopped
 *     total += row;
 *   }
 * });
 * console.log(total); // 499500
 * ```
 */
export function checkStop(): void {
  const task = watchedTask();
  if (task?.isStopped) throw stoppedError(task);
}

import { stoppedError, watchedTask } from "./watched-task.js";

/**
 * Throws the current task's `Stopped` (carrying its reason) if the task has
 * been stopped; otherwise returns at once. A known-safe point to surrender in
 * a long synchronous stretch of work. Outside any task, or inside
 * {@link shield}, it does nothing. Unlike `sleep(0)` it does not yield.
 *
 * @example
 * ```ts
 * const rows = Array.from({ length: 1_000_000 }, (_, i) => i);
 * const sum = spawn(() => {
 *   let total = 0;
 *   for (const row of rows) {
 *     checkStop(); // throws Stopped once the task is stopped, without yielding
 *     total += row;
 *   }
 *   return total;
 * });
 * console.log(await sum);
 * ```
 */
export function checkStop(): void {
  const task = watchedTask();
  if (task?.isStopped) throw stoppedError(task);
}

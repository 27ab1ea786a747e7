import { isThenable, typeError } from "@gentletask/semantic-stack/argument-errors";
import { ParkedWait } from "@gentletask/tasks/internal";
import { followPromise } from "./promise-relay.js";
import { stoppedError, watchedTask } from "./watched-task.js";

/**
 * Makes any promise a stop-aware wait: the result settles as `promise` does,
 * or rejects with the current task's `Stopped` (carrying its reason) when the
 * task is stopped first (at once if it already is). Outside any task, or
 * inside {@link shield}, it simply follows `promise`.
 *
 * `promise` itself is not cancelled (give the work `currentSignal()` for
 * that); its later outcome is observed and dropped, so a late rejection is
 * never reported as unhandled.
 *
 * @throws TypeError if `promise` is not a thenable.
 * @example
 * ```ts
 * import { stoppable } from "@gentletask/primitives";
 * import { spawn } from "@gentletask/tasks";
 *
 * const slowQuery = new Promise<string>(() => {}); // a promise that knows nothing of stops
 * const task = spawn(() => stoppable(slowQuery)); // Stopped wins over the slow query
 * await task.stop();
 * console.log(task.isDone); // true
 * ```
 */
export function stoppable<T>(promise: PromiseLike<T>): Promise<T> {
  if (!isThenable(promise)) typeError("stoppable", "promise", "a promise or thenable", promise);
  const task = watchedTask();
  if (task === undefined) return Promise.resolve(promise);
  if (task.isStopped) {
    followPromise(promise);
    return Promise.reject(stoppedError(task));
  }
  const wait = new ParkedWait<T>(task);
  followPromise(promise, wait);
  return wait.promise;
}

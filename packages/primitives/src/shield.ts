import { isThenable, typeError } from "@gentletask/semantic-stack/argument-errors";
import { runShielded } from "@gentletask/semantic-stack/task-record";

/**
 * Runs `fn` so that the stop-aware waits inside it (`sleep`, `Queue`,
 * `Event`, `poll`, `stoppable`, `Task#wait`, `withTimeout`) and
 * `checkStop`/`currentSignal` do not react to the current task having been
 * stopped, and resolves with what `fn` returns. Their own timeouts still
 * apply, so bound every wait in a shield. The throughline and the current
 * task are unchanged; a task started inside `fn` (`withTimeout`'s too) is
 * stoppable as usual, but the current task's stop does not cascade to it:
 * it is stopped when the current task's body exits, and waited for.
 *
 * Use it for cleanup in a `finally` that must wait: a stopped task's waits
 * otherwise reject at once.
 *
 * @throws TypeError if `fn` is not a function.
 * @example
 * ```ts
 * import { shield, sleep } from "@gentletask/primitives";
 * import { spawn } from "@gentletask/tasks";
 *
 * const closed: string[] = [];
 * const server = spawn(async () => {
 *   try {
 *     await sleep(Number.POSITIVE_INFINITY);
 *   } finally {
 *     // The task is stopped, yet this wait still runs to its end.
 *     await shield(() => sleep(10));
 *     closed.push("connections closed");
 *   }
 * });
 * await server.stop();
 * console.log(closed); // ["connections closed"]
 * ```
 */
export function shield<T>(fn: () => T | PromiseLike<T>): Promise<Awaited<T>> {
  if (typeof fn !== "function") typeError("shield", "fn", "a function", fn);
  try {
    return runShielded(() => settleShielded(fn())) as Promise<Awaited<T>>;
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Adopts `result` by calling its `then` here, inside the shield: left to
 * `Promise.resolve`, a returned task's `then` would run a microtask later,
 * outside the shield, where the stopped caller's wait rejects at once and
 * stops the very task the shield was for.
 */
function settleShielded<T>(result: T | PromiseLike<T>): Promise<T> {
  if (!isThenable(result)) return Promise.resolve(result);
  return new Promise<T>((resolve, reject) => {
    result.then(resolve, reject);
  });
}

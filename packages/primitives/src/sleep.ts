import { checkDuration } from "@gentletask/semantic-stack/argument-errors";
import { ParkedWait, untilStopped } from "@gentletask/tasks/internal";
import { stoppedError, watchedTask } from "./watched-task.js";

function wake(wait: ParkedWait<void>): void {
  wait.settle(undefined);
}

/**
 * Waits `ms` milliseconds. Inside a task it rejects with the task's `Stopped`
 * (carrying its reason) the moment the task is stopped, and at once if it
 * already is; outside any task, or inside {@link shield}, it is a plain sleep.
 *
 * - `sleep(0)` yields to the event loop (like `setImmediate`, without the
 *   1 ms rounding of `setTimeout(0)`).
 * - Any finite delay works, including ones past the 2^31-1 ms (~24.8 days)
 *   at which `setTimeout` overflows.
 * - `sleep(Infinity)` inside a task waits until the task is stopped and
 *   holds no timer meanwhile, so it does not keep the process alive.
 *
 * The timer and the stop callback are released the moment the sleep ends.
 *
 * @throws TypeError if `ms` is not a number.
 * @throws RangeError if `ms` is negative or NaN, or `Infinity` where no stop
 *   can end the wait (outside a task, or inside `shield`).
 * @example
 * ```ts
 * import { sleep } from "@gentletask/primitives";
 * import { spawn } from "@gentletask/tasks";
 *
 * let refreshes = 0;
 * const refresher = spawn(async () => {
 *   for (;;) {
 *     refreshes++;
 *     await sleep(60_000); // rejects with Stopped as soon as the task is stopped
 *   }
 * });
 * await sleep(10);
 * await refresher.stop();
 * console.log(refreshes); // 1
 * ```
 */
export function sleep(ms: number): Promise<void> {
  checkDuration("sleep", "ms", ms);
  const task = watchedTask();
  if (ms === Number.POSITIVE_INFINITY && task === undefined) {
    throw new RangeError(
      "sleep: `ms` may be Infinity only inside a task (not shielded), where a stop can end the wait",
    );
  }
  if (task?.isStopped) return Promise.reject(stoppedError(task));
  if (ms === Number.POSITIVE_INFINITY) {
    // Only a stop ends it: a built-in task holds just the promise's reject.
    const untilStop = untilStopped(task);
    if (untilStop !== undefined) return untilStop;
  }
  const wait = new ParkedWait<void>(task);
  wait.expireAfter(ms, wake);
  return wait.promise;
}

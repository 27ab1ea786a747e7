import { checkDuration } from "@gentletask/semantic-stack/argument-errors";
import { ParkedWait, WaitList } from "@gentletask/tasks/internal";
import { stoppedError, watchedTask } from "./watched-task.js";

function timedOut(wait: ParkedWait<boolean>): void {
  wait.settle(false);
}

/**
 * A flag that tasks can wait for, the stop-aware counterpart of Python's
 * `threading.Event`. `set()` wakes every waiter; `clear()` lowers the flag
 * for waits that start afterwards.
 *
 * @example
 * ```ts
 * import { Event } from "@gentletask/primitives";
 * import { spawn } from "@gentletask/tasks";
 *
 * const ready = new Event();
 * const waiter = spawn(async () => ((await ready.wait(5_000)) ? "started" : "gave up"));
 * ready.set();
 * console.log(await waiter); // "started"
 * ```
 */
export class Event {
  #isSet = false;
  readonly #waiters = new WaitList<ParkedWait<boolean>>();

  /**
   * Resolves `true` once the flag is set (at once if it is), or `false` when
   * `timeoutMs` passes first (`0` checks without waiting; omit it to wait as
   * long as it takes). Inside a task it rejects with the task's `Stopped` the
   * moment the task is stopped, and at once if it already is, even when the
   * flag is set.
   *
   * @throws TypeError if `timeoutMs` is not a number.
   * @throws RangeError if `timeoutMs` is negative or NaN.
   */
  wait(timeoutMs?: number): Promise<boolean> {
    const limit =
      timeoutMs === undefined
        ? Number.POSITIVE_INFINITY
        : checkDuration("Event#wait", "timeoutMs", timeoutMs);
    const task = watchedTask();
    if (task?.isStopped) return Promise.reject(stoppedError(task));
    if (this.#isSet) return Promise.resolve(true);
    if (limit === 0) return Promise.resolve(false);
    const wait = new ParkedWait<boolean>(task);
    this.#waiters.push(wait);
    wait.expireAfter(limit, timedOut);
    return wait.promise;
  }

  /** Raises the flag and wakes every waiter with `true`. Setting a set event does nothing. */
  set(): void {
    if (this.#isSet) return;
    this.#isSet = true;
    for (let wait = this.#waiters.shift(); wait !== undefined; wait = this.#waiters.shift()) {
      wait.settle(true);
    }
  }

  /** Lowers the flag: waits that start afterwards wait for the next `set()`. */
  clear(): void {
    this.#isSet = false;
  }

  /** Whether the flag is raised. */
  isSet(): boolean {
    return this.#isSet;
  }
}

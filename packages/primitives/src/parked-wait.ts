import type { Task } from "@gentletask/tasks";
import { WaitLink } from "./wait-list.js";
import { stoppedError } from "./watched-task.js";

/** `setTimeout` fires at once (with a warning) for delays past this. */
const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * One suspension point, and everything it holds while suspended: a stop
 * callback on the watched task, at most one timer, and a place in a wait
 * list. Whichever way the wait ends (settled by its owner, stopped, or out of
 * time), all three are released at that moment, so nothing outlives the
 * wait and a waiter that gave up can never be handed anything.
 *
 * The promise is handed to the caller, who observes it; the wait itself
 * never creates a promise of its own that could reject unobserved.
 */
export class ParkedWait<T> extends WaitLink {
  readonly promise: Promise<T>;
  #resolve!: (value: T) => void;
  #reject!: (reason: unknown) => void;
  #active = true;
  #task: Task | undefined = undefined;
  #onStop: (() => void) | undefined = undefined;
  #timeout: ReturnType<typeof setTimeout> | undefined = undefined;
  #immediate: ReturnType<typeof setImmediate> | undefined = undefined;
  /** For delays past `MAX_TIMER_DELAY`: when the wait is due, in `performance.now()` time. */
  #dueAt = 0;
  #onDeadline: ((wait: ParkedWait<T>) => void) | undefined = undefined;

  /**
   * @param task - the task whose stop rejects this wait with its `Stopped`;
   *   the caller has checked that it is not stopped yet.
   */
  constructor(task: Task | undefined) {
    super();
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (task !== undefined) {
      this.#task = task;
      this.#onStop = () => this.fail(stoppedError(task));
      task.addStopCallback(this.#onStop);
    }
  }

  /** Whether the wait has not ended yet. */
  get isActive(): boolean {
    return this.#active;
  }

  /**
   * Ends the wait with the task's `Stopped` if the task has been stopped but
   * its stop callback has not reached this wait yet (another callback of the
   * same stop is running first); true if it did. Owners ask this before
   * handing the wait anything.
   */
  failIfStopped(): boolean {
    const task = this.#task;
    if (task === undefined || !task.isStopped) return false;
    return this.fail(stoppedError(task));
  }

  /**
   * Calls `onDeadline` after `ms` milliseconds: `0` means on the next turn of
   * the event loop (no 1 ms timer rounding), `Infinity` means never (no timer
   * at all), and delays past the 2^31-1 ms timer limit are chained.
   */
  expireAfter(ms: number, onDeadline: (wait: ParkedWait<T>) => void): void {
    if (!this.#active || ms === Number.POSITIVE_INFINITY) return;
    this.#onDeadline = onDeadline;
    if (ms === 0) {
      this.#immediate = setImmediate(ParkedWait.#fireImmediate, this);
    } else if (ms <= MAX_TIMER_DELAY) {
      this.#timeout = setTimeout(ParkedWait.#fireTimeout, ms, this);
    } else {
      this.#dueAt = performance.now() + ms;
      this.#timeout = setTimeout(ParkedWait.#fireTimeout, MAX_TIMER_DELAY, this);
    }
  }

  static #fireImmediate<U>(wait: ParkedWait<U>): void {
    wait.#immediate = undefined;
    wait.#onDeadline?.(wait);
  }

  static #fireTimeout<U>(wait: ParkedWait<U>): void {
    wait.#timeout = undefined;
    if (wait.#dueAt !== 0) {
      const remaining = Math.ceil(wait.#dueAt - performance.now());
      if (remaining > 0) {
        wait.#timeout = setTimeout(
          ParkedWait.#fireTimeout,
          Math.min(remaining, MAX_TIMER_DELAY),
          wait,
        );
        return;
      }
    }
    wait.#onDeadline?.(wait);
  }

  /** Ends the wait with `value`; false if it had already ended. */
  settle(value: T): boolean {
    if (!this.#release()) return false;
    this.#resolve(value);
    return true;
  }

  /** Ends the wait with `error`; false if it had already ended. */
  fail(error: unknown): boolean {
    if (!this.#release()) return false;
    this.#reject(error);
    return true;
  }

  #release(): boolean {
    if (!this.#active) return false;
    this.#active = false;
    this.leaveList();
    if (this.#timeout !== undefined) {
      clearTimeout(this.#timeout);
      this.#timeout = undefined;
    }
    if (this.#immediate !== undefined) {
      clearImmediate(this.#immediate);
      this.#immediate = undefined;
    }
    this.#onDeadline = undefined;
    if (this.#task !== undefined) {
      this.#task.removeStopCallback(this.#onStop as () => void);
      this.#task = undefined;
      this.#onStop = undefined;
    }
    return true;
  }
}

import { reportUncaught } from "../report-uncaught.js";
import { Stopped } from "../stopped.js";
import type { Task } from "../task.js";
import { WaitLink } from "./wait-list.js";

/** `setTimeout` fires at once (with a warning) for delays past this. */
const MAX_TIMER_DELAY = 2 ** 31 - 1;

/** Marks `#dueAt` for a wait whose timer is a `setImmediate`. */
const IMMEDIATE = -1;

/**
 * One suspension point, and everything it holds while suspended: a stop
 * callback on the watched task, at most one timer, and a place in a wait
 * list. Whichever way the wait ends (settled by its owner, stopped, or out
 * of time), all three are released at that moment, so nothing outlives the
 * wait and a waiter that gave up can never be handed anything. A `sleep`, a
 * `Queue#get` and a wait on a task are all one of these.
 *
 * The promise is handed to the caller, who observes it; the wait itself
 * never creates a promise of its own that could reject unobserved.
 *
 * @internal Shared by `@gentletask/tasks` and `@gentletask/primitives`
 *   through the `@gentletask/tasks/internal` subpath; not a public API.
 */
export class ParkedWait<T> extends WaitLink {
  readonly promise: Promise<T>;
  #resolve: ((value: T) => void) | undefined;
  #reject!: (reason: unknown) => void;
  #task: Task | undefined = undefined;
  #onStop: (() => void) | undefined = undefined;
  #timer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | undefined = undefined;
  /**
   * `IMMEDIATE` for a `setImmediate`; for delays past `MAX_TIMER_DELAY`, when
   * the wait is due in `performance.now()` time; else 0.
   */
  #dueAt = 0;
  #onDeadline: ((wait: ParkedWait<T>) => void) | undefined = undefined;

  /**
   * @param task - the task whose stop ends this wait (see {@link stopped});
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
      this.#onStop = () => this.stopped(task);
      task.addStopCallback(this.#onStop);
    }
  }

  /** Whether the wait has not ended yet. */
  get isActive(): boolean {
    return this.#resolve !== undefined;
  }

  /** The watched task was stopped: by default the wait rejects with its `Stopped`. */
  protected stopped(task: Task): void {
    this.fail(new Stopped(task.stopReason));
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
    return this.fail(new Stopped(task.stopReason));
  }

  /**
   * Calls `onDeadline` after `ms` milliseconds: `0` means on the next turn of
   * the event loop (no 1 ms timer rounding), `Infinity` means never (no timer
   * at all), and delays past the 2^31-1 ms timer limit are chained.
   */
  expireAfter(ms: number, onDeadline: (wait: ParkedWait<T>) => void): void {
    if (this.#resolve === undefined || ms === Number.POSITIVE_INFINITY) return;
    this.#onDeadline = onDeadline;
    if (ms === 0) {
      this.#dueAt = IMMEDIATE;
      this.#timer = setImmediate(ParkedWait.#fire, this);
    } else if (ms <= MAX_TIMER_DELAY) {
      this.#timer = setTimeout(ParkedWait.#fire, ms, this);
    } else {
      this.#dueAt = performance.now() + ms;
      this.#timer = setTimeout(ParkedWait.#fire, MAX_TIMER_DELAY, this);
    }
  }

  static #fire<U>(wait: ParkedWait<U>): void {
    wait.#timer = undefined;
    if (wait.#dueAt > 0) {
      const remaining = Math.ceil(wait.#dueAt - performance.now());
      if (remaining > 0) {
        wait.#timer = setTimeout(ParkedWait.#fire, Math.min(remaining, MAX_TIMER_DELAY), wait);
        return;
      }
    }
    wait.#onDeadline?.(wait);
  }

  /** Ends the wait with `value`; false if it had already ended. */
  settle(value: T): boolean {
    const resolve = this.#resolve;
    if (resolve === undefined) return false;
    this.release();
    resolve(value);
    return true;
  }

  /** Ends the wait with `error`; false if it had already ended. */
  fail(error: unknown): boolean {
    if (this.#resolve === undefined) return false;
    this.release();
    this.#reject(error);
    return true;
  }

  /** Lets go of the list place, the timer and the stop callback. Subclasses add what they hold. */
  protected release(): void {
    this.#resolve = undefined;
    this.leaveList();
    const timer = this.#timer;
    if (timer !== undefined) {
      this.#timer = undefined;
      if (this.#dueAt === IMMEDIATE) clearImmediate(timer as ReturnType<typeof setImmediate>);
      else clearTimeout(timer as ReturnType<typeof setTimeout>);
    }
    this.#onDeadline = undefined;
    const task = this.#task;
    if (task !== undefined) {
      const onStop = this.#onStop as () => void;
      this.#task = undefined;
      this.#onStop = undefined;
      try {
        task.removeStopCallback(onStop);
      } catch (error) {
        // A custom task's bookkeeping failed; the wait still ends.
        reportUncaught(error);
      }
    }
  }
}

import {
  checkDuration,
  readKnownOptions,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { type AsyncTask, Stopped, spawn, TaskTimeoutError } from "@gentletask/tasks";
import { isStopOnly, ParkedWait } from "@gentletask/tasks/internal";
import { stoppedError, watchedTask } from "./watched-task.js";

const WITH_TIMEOUT_KEYS = ["name"] as const;

/**
 * Options for {@link withTimeout}.
 *
 * @example
 * ```ts
 * import { type WithTimeoutOptions, withTimeout } from "@gentletask/primitives";
 *
 * const options: WithTimeoutOptions = { name: "lookup" };
 * console.log(await withTimeout(1_000, () => "found", options)); // "found"
 * ```
 */
export interface WithTimeoutOptions {
  /** The child task's name on the throughline; default `fn.name`, else `"anonymous"`. */
  name?: string;
}

/**
 * Runs `fn` as a child task of the current task (a root task outside any)
 * and resolves with its result. If it has not finished within `ms`
 * milliseconds, the child is stopped (its `Stopped` carries the
 * `TaskTimeoutError` as its reason) and, once it has unwound (its `finally`
 * blocks and children are done), the call rejects with that
 * `TaskTimeoutError`, whose `task` is the child. A failure of `fn` rejects
 * with its error. `Infinity` means no deadline; deadlines past the 2^31-1 ms
 * timer limit work.
 *
 * Inside a task the wait is stop-aware: if the caller is stopped, the child
 * is stopped with the same reason and the call rejects with the caller's
 * `Stopped`, again only after the child has unwound. If the caller is already
 * stopped, `fn` never runs. When an outer `withTimeout`'s deadline stops the
 * caller after this call's own, earlier deadline had passed (the loop was
 * busy past both), the call rejects with its own `TaskTimeoutError`: the
 * deadline that passed first wins.
 *
 * @throws TypeError if `ms` is not a number, `fn` not a function, or `name` not a string.
 * @throws RangeError if `ms` is negative or NaN.
 * @example
 * ```ts
 * import { currentSignal, withTimeout } from "@gentletask/primitives";
 * import { TaskTimeoutError } from "@gentletask/tasks";
 * import { setTimeout as delay } from "node:timers/promises";
 *
 * const outcome = await withTimeout(20, () =>
 *   delay(60_000, "late", { signal: currentSignal() }),
 * ).catch((error: unknown) => error);
 * console.log(outcome instanceof TaskTimeoutError); // true
 * ```
 */
export function withTimeout<T>(
  ms: number,
  fn: () => T | PromiseLike<T>,
  options?: WithTimeoutOptions,
): Promise<T> {
  checkDuration("withTimeout", "ms", ms);
  if (typeof fn !== "function") typeError("withTimeout", "fn", "a function", fn);
  const { name } = readKnownOptions("withTimeout", options, WITH_TIMEOUT_KEYS);
  if (name !== undefined && typeof name !== "string") {
    typeError("withTimeout", "options.name", "a string", name);
  }
  const task = watchedTask();
  if (task?.isStopped) return Promise.reject(stoppedError(task));
  const child = spawn(fn, name === undefined ? {} : { name });
  return finishWithin(child, ms);
}

/**
 * When each deadline this copy made was due, in `performance.now()` time,
 * keyed by its `TaskTimeoutError`: a nested call told to stop by an outer
 * deadline compares the two to tell which passed first.
 */
const dueTimes = new WeakMap<object, number>();

async function finishWithin<T>(child: AsyncTask<T, []>, ms: number): Promise<T> {
  const dueAt = performance.now() + ms;
  let timeout: TaskTimeoutError | undefined;
  const ownTimeout = (): TaskTimeoutError => {
    if (timeout === undefined) {
      timeout = new TaskTimeoutError(child, ms);
      dueTimes.set(timeout, dueAt);
    }
    return timeout;
  };
  // Our own deadline rather than `wait(ms)`, so that any delay works, past
  // the timer limit included. It watches no task: a stop of the caller
  // reaches the child through the cascade (it is the caller's child), and
  // `child.wait()` only ends the wait.
  const deadline = new ParkedWait<never>(undefined);
  deadline.expireAfter(ms, (wait) => wait.fail(ownTimeout()));
  try {
    return await Promise.race([child.wait(), deadline.promise]);
  } catch (caught) {
    const error = passedFirst(caught, dueAt) ? ownTimeout() : caught;
    if (!child.isDone) {
      // Out of time, or the caller was stopped (then the child already is):
      // stop it and let it unwind, so nothing it started outlives this call.
      await child.stop(error);
      // A failure while it unwound (a cleanup that threw) is a failure like
      // any other: it must reach the caller, not vanish behind the timeout.
      const late = failureOf(child);
      if (late !== undefined) throw late.error;
    }
    throw error;
  } finally {
    // Releases the timer; the race has already observed the promise.
    deadline.fail(undefined);
  }
}

/**
 * Whether our deadline, due at `dueAt`, passed before the outer deadline
 * whose stop `caught` carries. Node runs every due timer of one duration
 * before the next duration's, so after the loop was busy past both, an outer
 * deadline can fire first although ours was due earlier: then the caller
 * still learns of the deadline that passed first, ours.
 */
function passedFirst(caught: unknown, dueAt: number): boolean {
  try {
    if (!(caught instanceof Stopped)) return false;
  } catch {
    return false; // `fn` threw a hostile value, such as a revoked Proxy
  }
  const outerDueAt = dueTimes.get(caught.reason as object);
  return outerDueAt !== undefined && outerDueAt > dueAt && performance.now() >= dueAt;
}

/**
 * How a finished child failed, if it failed other than by being stopped;
 * taking it through a finish callback counts as observing it.
 */
function failureOf(child: AsyncTask<unknown, []>): { error: unknown } | undefined {
  let failure: { error: unknown } | undefined;
  child.addFinishCallback((_result, error) => {
    if (error !== undefined && !isStopOnly(error)) failure = { error };
  });
  return failure;
}

import {
  checkDuration,
  isThenable,
  readKnownOptions,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { checkStop } from "./check-stop.js";
import { sleep } from "./sleep.js";
import { stoppable } from "./stoppable.js";

const POLL_KEYS = ["intervalMs", "timeoutMs"] as const;

/**
 * Options for {@link poll}.
 *
 * @example
 * ```ts
 * import { type PollOptions, poll } from "@gentletask/primitives";
 *
 * const options: PollOptions = { intervalMs: 100, timeoutMs: 2_000 };
 * console.log(await poll(() => "ready", options)); // "ready"
 * ```
 */
export interface PollOptions {
  /** Milliseconds between samples; default 50, `0` samples once per event-loop turn. */
  intervalMs?: number;
  /** Give up after this many milliseconds and return the last falsy sample; default: never. */
  timeoutMs?: number;
}

/**
 * Samples `fn` (awaiting it when it returns a promise) every `intervalMs`
 * until it gives a truthy value, and resolves with that value. When
 * `timeoutMs` passes first, it resolves with the last (falsy) sample instead;
 * the deadline is checked between samples, and one last sample is taken at
 * the deadline. An error thrown by `fn` rejects the poll and ends it.
 *
 * Inside a task the wait between samples, and the awaiting of a sample, are
 * stop-aware: the poll rejects with the task's `Stopped` the moment it is
 * stopped, and at once (without sampling) if it already is.
 *
 * @throws TypeError if `fn` is not a function or an option is not a number.
 * @throws RangeError if `intervalMs` is negative, NaN or infinite, or
 *   `timeoutMs` negative or NaN.
 * @example
 * ```ts
 * import { poll } from "@gentletask/primitives";
 *
 * let attempts = 0;
 * const ready = await poll(() => ++attempts >= 3, { intervalMs: 10, timeoutMs: 5_000 });
 * console.log(ready, attempts); // true 3
 * ```
 */
export function poll<T>(fn: () => T | PromiseLike<T>, options?: PollOptions): Promise<T> {
  if (typeof fn !== "function") typeError("poll", "fn", "a function", fn);
  const given = readKnownOptions("poll", options, POLL_KEYS);
  const intervalMs =
    given.intervalMs === undefined
      ? 50
      : checkDuration("poll", "options.intervalMs", given.intervalMs);
  if (intervalMs === Number.POSITIVE_INFINITY) {
    throw new RangeError("poll: expected `options.intervalMs` to be finite, got Infinity (number)");
  }
  const timeoutMs =
    given.timeoutMs === undefined
      ? Number.POSITIVE_INFINITY
      : checkDuration("poll", "options.timeoutMs", given.timeoutMs);
  return sampleUntilTruthy(fn, intervalMs, timeoutMs);
}

async function sampleUntilTruthy<T>(
  fn: () => T | PromiseLike<T>,
  intervalMs: number,
  timeoutMs: number,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    checkStop();
    const sample = fn();
    const value = isThenable(sample) ? await stoppable(sample) : sample;
    if (value) return value;
    const remaining = deadline - performance.now();
    if (remaining <= 0) return value;
    await sleep(Math.min(intervalMs, remaining));
  }
}

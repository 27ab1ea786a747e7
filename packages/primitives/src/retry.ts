import {
  checkDuration,
  checkOptions,
  rangeError,
  readGuarded,
  readStringOption,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { type AsyncTask, spawn, type Task } from "@gentletask/tasks";
import { isStopOnly } from "@gentletask/tasks/internal";
import { sleep } from "./sleep.js";

/**
 * Options for {@link retry}.
 *
 * @example
 * ```ts
 * const options: RetryOptions = {
 *   attempts: 5,
 *   minDelayMs: 50,
 *   retryIf: (error) => error instanceof TypeError, // network errors from fetch
 *   onRetry: (error, attempt) => console.log(`attempt ${attempt} failed:`, error),
 * };
 * const status = await retry(async () => (await fetch("https://example.com/")).status, options);
 * ```
 */
export interface RetryOptions {
  /** How many attempts in all, the first included: a positive integer or `Infinity`; default 3. */
  attempts?: number;
  /** The wait after the first failed attempt, in ms; default 100. */
  minDelayMs?: number;
  /** The longest wait between attempts, in ms; default 10,000 (or `minDelayMs`, if longer). */
  maxDelayMs?: number;
  /** How much each wait grows over the one before (at least 1); default 2. */
  factor?: number;
  /** Full jitter: wait a random time between 0 and the computed delay; default `false`. */
  jitter?: boolean;
  /** Whether to retry after `error` from attempt number `attempt`; default: every error but `Stopped`. */
  retryIf?: (error: unknown, attempt: number) => boolean;
  /** Called after attempt number `attempt` failed with `error` and before the wait, when it will be retried. */
  onRetry?: (error: unknown, attempt: number) => void;
  /** The task's name; attempts are named `<name>#<attempt>`. Default `fn.name`, else `"retry"`. */
  name?: string;
}

const KEYS = [
  "attempts",
  "minDelayMs",
  "maxDelayMs",
  "factor",
  "jitter",
  "retryIf",
  "onRetry",
  "name",
];

/** A loop that retries for ever keeps only this many errors. */
const KEPT_ERRORS = 100;

interface RetryPlan {
  readonly attempts: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
  readonly jitter: boolean;
  readonly retryIf: ((error: unknown, attempt: number) => boolean) | undefined;
  readonly onRetry: ((error: unknown, attempt: number) => void) | undefined;
  readonly name: string;
}

function readPlan(fn: unknown, options: unknown): RetryPlan {
  const where = "retry";
  const o = checkOptions(where, options, KEYS) ?? {};
  const read = (key: string) => readGuarded(where, `options.${key}`, () => o[key]);
  const attempts = read("attempts") ?? 3;
  if (typeof attempts !== "number") typeError(where, "options.attempts", "a number", attempts);
  if (attempts !== Number.POSITIVE_INFINITY && (!Number.isSafeInteger(attempts) || attempts < 1)) {
    rangeError(where, "options.attempts", "a positive integer or Infinity", attempts);
  }
  const minDelayMs = checkDuration(where, "options.minDelayMs", read("minDelayMs") ?? 100);
  // Left out, the cap is 10 s, or the first delay when that is longer.
  const maxDelayMs = checkDuration(
    where,
    "options.maxDelayMs",
    read("maxDelayMs") ?? Math.max(10_000, minDelayMs),
  );
  if (maxDelayMs < minDelayMs) {
    rangeError(
      where,
      "options.maxDelayMs",
      `at least options.minDelayMs (${minDelayMs})`,
      maxDelayMs,
    );
  }
  const factor = read("factor") ?? 2;
  if (typeof factor !== "number") typeError(where, "options.factor", "a number", factor);
  if (!(factor >= 1) || factor === Number.POSITIVE_INFINITY) {
    rangeError(where, "options.factor", "a finite number of at least 1", factor);
  }
  const jitter = read("jitter") ?? false;
  if (typeof jitter !== "boolean") typeError(where, "options.jitter", "a boolean", jitter);
  const retryIf = read("retryIf");
  if (retryIf !== undefined && typeof retryIf !== "function") {
    typeError(where, "options.retryIf", "a function", retryIf);
  }
  const onRetry = read("onRetry");
  if (onRetry !== undefined && typeof onRetry !== "function") {
    typeError(where, "options.onRetry", "a function", onRetry);
  }
  const own = (fn as { name?: unknown }).name;
  const name =
    readStringOption(where, o, "name") ?? (typeof own === "string" && own !== "" ? own : "retry");
  return {
    attempts,
    minDelayMs,
    maxDelayMs,
    factor,
    jitter,
    retryIf: retryIf as RetryPlan["retryIf"],
    onRetry: onRetry as RetryPlan["onRetry"],
    name,
  };
}

/** The wait after failed attempt number `attempt`: exponential from `minDelayMs`, capped, maybe jittered. */
function delayAfter(plan: RetryPlan, attempt: number): number {
  const capped = Math.min(plan.maxDelayMs, plan.minDelayMs * plan.factor ** (attempt - 1));
  return plan.jitter ? Math.random() * capped : capped;
}

/**
 * Runs `fn` until it succeeds, up to `attempts` times, and resolves with its
 * first success: p-retry with structure. Returns a task (a child of the
 * current task) named `options.name` (default `fn.name`, else `"retry"`).
 *
 * - Each attempt runs as a child task named `<name>#<attempt>` and is given
 *   its number (1 for the first).
 * - Between attempts it sleeps `minDelayMs * factor^(attempt - 1)`, at most
 *   `maxDelayMs`, or with `jitter` a random time between 0 and that. The
 *   sleep is stop-aware: stopping the task (or its caller) ends it at once.
 * - A `Stopped` is never retried: an attempt that was stopped, or a stop of
 *   the retry itself, ends it with that `Stopped`. Neither is an error for
 *   which `retryIf` says `false`, nor one thrown by `retryIf`/`onRetry`.
 * - An enclosing deadline (`withTimeout`, or a task's `timeoutMs`) stops the
 *   enclosing task when it passes; the stop reaches the running attempt or
 *   the sleep at once, so no attempt starts past the deadline and the retry
 *   rejects with `Stopped` whose reason is the `TaskTimeoutError` (the
 *   enclosing `withTimeout` rejects with that `TaskTimeoutError`). For a
 *   deadline per attempt, put `withTimeout` inside `fn`: its
 *   `TaskTimeoutError` is retried like any failure.
 * - When the attempts run out (or `retryIf` says `false`) after one
 *   attempt, it rejects with that attempt's error as it is; after several,
 *   with an `AggregateError` of every attempt's error in order (the last
 *   100 for an endless retry), whose `cause` is the last one.
 *
 * @throws TypeError if `fn` is not a function or an option has the wrong
 *   type; RangeError if `attempts` is not a positive integer or `Infinity`,
 *   a delay is negative or NaN, `maxDelayMs < minDelayMs`, or `factor < 1`.
 *   Nothing is started.
 * @example
 * ```ts
 * const url = "https://example.com/flaky";
 * const body = await retry(
 *   () => withTimeout(2_000, () => fetch(url, { signal: currentSignal() }).then((r) => r.text())),
 *   { attempts: 4, minDelayMs: 200, jitter: true },
 * );
 * ```
 */
export function retry<T>(
  fn: (attempt: number) => T | PromiseLike<T>,
  options?: RetryOptions,
): Task<Awaited<T>> & PromiseLike<Awaited<T>> {
  if (typeof fn !== "function") typeError("retry", "fn", "a function", fn);
  const plan = readPlan(fn, options);
  return spawn(() => attemptAll(fn, plan), { name: plan.name }) as AsyncTask<Awaited<T>, []>;
}

async function attemptAll<T>(
  fn: (attempt: number) => T | PromiseLike<T>,
  plan: RetryPlan,
): Promise<Awaited<T>> {
  const errors: unknown[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return (await spawn(fn, { name: `${plan.name}#${attempt}`, args: [attempt] })) as Awaited<T>;
    } catch (error) {
      if (isStopOnly(error)) throw error;
      errors.push(error);
      if (errors.length > KEPT_ERRORS) errors.shift();
      if (
        attempt >= plan.attempts ||
        (plan.retryIf !== undefined && !plan.retryIf(error, attempt))
      ) {
        throw exhausted(plan.name, errors, attempt);
      }
      plan.onRetry?.(error, attempt);
    }
    await sleep(delayAfter(plan, attempt));
  }
}

function exhausted(name: string, errors: unknown[], attempts: number): unknown {
  const last = errors[errors.length - 1];
  if (attempts === 1) return last;
  let message: string;
  try {
    message = last instanceof Error ? last.message : String(last);
  } catch {
    message = "(an error that cannot be printed)";
  }
  return new AggregateError(
    [...errors],
    `${name}: ${attempts} attempts failed; the last: ${message}`,
    {
      cause: last,
    },
  );
}

/**
 * What a stop-aware wait rejects with when its task is stopped, and what a
 * task whose body never ran (or a `ManualTask` that was stopped) completes
 * with. It unwinds like any error, so `finally` blocks run.
 *
 * `reason` is the value given to `stop(reason)` (`undefined` when none was
 * given). When the reason is an `Error` it is also the `cause`, so loggers
 * and `throughline.errorFrames` follow the chain to it.
 *
 * @example
 * ```ts
 * import { ManualTask, spawn, Stopped } from "@gentletask/tasks";
 *
 * const task = spawn(() => new ManualTask().wait());
 * task.stop("shutting down");
 * try {
 *   await task;
 * } catch (error) {
 *   if (error instanceof Stopped) console.log("stopped because", error.reason); // shutting down
 * }
 * ```
 */
export class Stopped extends Error {
  /** The reason given to `stop(reason)`, or `undefined`. */
  readonly reason: unknown;

  /**
   * Creates the rejection a stop-aware wait settles with when its task stops.
   *
   * @param reason - why the task was stopped; an `Error` reason becomes the `cause` too.
   */
  constructor(reason?: unknown) {
    // A Stopped is control flow, created for every wait a stop wakes: it
    // carries no stack trace, which would cost microseconds each (more under
    // deep async stacks). Where it was raised is on the throughline
    // (`throughline.errorFrames(error)`).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(stoppedMessage(reason), isError(reason) ? { cause: reason } : undefined);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.reason = reason;
  }

  static {
    // On the prototype, not each instance: the name is the same for all.
    Object.defineProperty(Stopped.prototype, "name", {
      value: "Stopped",
      writable: true,
      configurable: true,
    });
  }
}

/** `instanceof` runs a trap on a `Proxy`; a revoked one throws, and a stop must never throw. */
function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

function stoppedMessage(reason: unknown): string {
  if (reason === undefined) return "task stopped";
  if (typeof reason === "string") return `task stopped: ${reason}`;
  if (isError(reason)) {
    try {
      return `task stopped: ${String(reason.message)}`;
    } catch {
      return "task stopped";
    }
  }
  return "task stopped";
}

/**
 * Whether `error` says only that work was stopped: a {@link Stopped} (of any
 * copy of this package, matched by name too: one rebuilt after crossing a
 * worker thread is a stop all the same), an error caused by one (the
 * `AbortError` that `timers/promises`, `fetch` and streams reject with when
 * a task's signal aborts carries the `Stopped` as its `cause`), or an
 * `AggregateError` (what a stopped `MultiTask` or combinator fails with,
 * nested for nested ones) made of nothing else. None of these is a failure:
 * `raiseErrors`, failure propagation and the combinators skip them.
 * @internal
 */
export function isStopOnly(error: unknown): boolean {
  try {
    return stopOnly(error, undefined);
  } catch {
    // A revoked Proxy or a throwing getter: whatever it is, not a stop.
    return false;
  }
}

/** How far a `cause` chain is followed: far enough for wrappers of wrappers, bounded for cycles. */
const CAUSE_DEPTH = 8;

function stopOnly(error: unknown, seen: Set<unknown> | undefined): boolean {
  let at = error;
  for (let depth = 0; depth < CAUSE_DEPTH && typeof at === "object" && at !== null; depth++) {
    if (at instanceof Stopped || (at as { name?: unknown }).name === "Stopped") return true;
    if (at instanceof AggregateError && Array.isArray(at.errors)) {
      // A hand-made AggregateError may hold itself.
      const visited = seen ?? new Set<unknown>();
      if (visited.has(at)) return false;
      visited.add(at);
      return at.errors.length > 0 && at.errors.every((inner) => stopOnly(inner, visited));
    }
    at = (at as { cause?: unknown }).cause;
  }
  return false;
}

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
 * Whether `error` says only that work was stopped: a {@link Stopped}, or an
 * `AggregateError` (what a stopped `MultiTask` fails with, nested for nested
 * ones) made of nothing else. `raiseErrors` reports every failure but these.
 * @internal
 */
export function isStopOnly(error: unknown, seen?: Set<unknown>): boolean {
  try {
    return stopOnly(error, seen);
  } catch {
    // A revoked Proxy or a throwing getter: whatever it is, not a stop.
    return false;
  }
}

function stopOnly(error: unknown, seen: Set<unknown> | undefined): boolean {
  if (error instanceof Stopped) return true;
  if (!(error instanceof AggregateError) || !Array.isArray(error.errors)) return false;
  // A hand-made AggregateError may hold itself.
  const visited = seen ?? new Set<unknown>();
  if (visited.has(error)) return false;
  visited.add(error);
  return error.errors.length > 0 && error.errors.every((inner) => stopOnly(inner, visited));
}

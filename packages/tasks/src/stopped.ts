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
 * try {
 *   await task;
 * } catch (error) {
 *   if (error instanceof Stopped) console.log("stopped because", error.reason);
 * }
 * ```
 */
export class Stopped extends Error {
  /** The reason given to `stop(reason)`, or `undefined`. */
  readonly reason: unknown;

  /** @param reason - why the task was stopped; an `Error` reason becomes the `cause` too. */
  constructor(reason?: unknown) {
    // A Stopped is control flow, created for every wait a stop wakes: it
    // carries no stack trace, which would cost microseconds each (more under
    // deep async stacks). Where it was raised is on the throughline
    // (`throughline.errorFrames(error)`).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(stoppedMessage(reason), reason instanceof Error ? { cause: reason } : undefined);
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

function stoppedMessage(reason: unknown): string {
  if (reason === undefined) return "task stopped";
  if (reason instanceof Error) return `task stopped: ${reason.message}`;
  if (typeof reason === "string") return `task stopped: ${reason}`;
  return "task stopped";
}

import { Stopped } from "@gentletask/tasks";

/**
 * A thread task's worker died before its export returned: an uncaught error
 * in the thread, `process.exit()`, or its `resourceLimits` exceeded (out of
 * memory). The task fails with it; `cause` is the thread's error, if any.
 *
 * @example
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { spawnThread, ThreadCrashError } from "@gentletask/threads";
 *
 * const text = await readFile("input.csv", "utf8");
 * try {
 *   await spawnThread(new URL("./work.js", import.meta.url), "parse", { args: [text] });
 * } catch (error) {
 *   if (error instanceof ThreadCrashError) console.error("the parser thread died:", error.message);
 * }
 * ```
 */
export class ThreadCrashError extends Error {
  /** The task whose thread crashed. */
  readonly taskName: string;
  /** The worker's exit code, when it exited (`undefined` for an error reported first). */
  readonly exitCode: number | undefined;

  /**
   * Made by the thread task whose worker died; user code checks for it
   * with `instanceof` rather than making one.
   *
   * @param taskName - the task whose thread crashed.
   * @param detail - what happened, for the message.
   * @param exitCode - the worker's exit code, if known.
   * @param cause - the thread's error, if any.
   */
  constructor(taskName: string, detail: string, exitCode?: number, cause?: unknown) {
    super(
      `thread task "${taskName}" crashed: ${detail}`,
      cause === undefined ? undefined : { cause },
    );
    this.taskName = taskName;
    this.exitCode = exitCode;
  }

  static {
    Object.defineProperty(ThreadCrashError.prototype, "name", {
      value: "ThreadCrashError",
      writable: true,
      configurable: true,
    });
  }
}

/**
 * A stopped thread task whose worker had not exited `graceMs` after the
 * stop, so it was terminated. It is a {@link Stopped} (the task was stopped,
 * as asked), carrying the stop's `reason`; its message and `graceMs` say
 * that the thread's cleanup was cut short.
 *
 * @example
 * ```ts
 * import { spawnThread, ThreadTerminated } from "@gentletask/threads";
 *
 * const task = spawnThread(new URL("./work.js", import.meta.url), "spinForever", { graceMs: 100 });
 * await task.stop("shutdown");
 * await task.then(undefined, (error) => error instanceof ThreadTerminated); // true
 * ```
 */
export class ThreadTerminated extends Stopped {
  /** The task whose thread was terminated. */
  readonly taskName: string;
  /** How long the thread was given to exit after the stop. */
  readonly graceMs: number;

  /**
   * Made by the stopped thread task whose worker had to be terminated; user
   * code checks for it with `instanceof` rather than making one.
   *
   * @param taskName - the task whose thread was terminated.
   * @param graceMs - how long it was given.
   * @param reason - the stop's reason.
   */
  constructor(taskName: string, graceMs: number, reason: unknown) {
    super(reason);
    this.message = `thread task "${taskName}" was stopped and its thread, still running ${graceMs} ms later, was terminated`;
    this.taskName = taskName;
    this.graceMs = graceMs;
  }

  static {
    Object.defineProperty(ThreadTerminated.prototype, "name", {
      value: "ThreadTerminated",
      writable: true,
      configurable: true,
    });
  }
}

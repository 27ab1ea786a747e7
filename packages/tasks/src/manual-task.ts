import {
  checkFunction,
  checkOptionalString,
  checkOptions,
} from "@gentletask/semantic-stack/argument-errors";
import type { TaskKind } from "./core/task-node.js";
import type { FinishCallback } from "./task.js";
import { TaskBase } from "./task-base.js";

/** Completes with `Stopped` the moment it is stopped: there is no body to wait for. */
const MANUAL_KIND: TaskKind = { settlesOnStop: true };

/**
 * Options for {@link ManualTask}.
 *
 * @example
 * ```ts
 * import { ManualTask, type ManualTaskOptions } from "@gentletask/tasks";
 *
 * const options: ManualTaskOptions<string> = { name: "reply", onFinish: (result) => console.log(result) };
 * new ManualTask(options).resolve("pong"); // logs "pong"
 * ```
 */
export interface ManualTaskOptions<T> {
  /** The task's name; default `"manual"`. */
  name?: string;
  /** Called once with `(result, error)` when the task completes. */
  onFinish?: FinishCallback<T>;
}

/**
 * A task completed from outside, by whoever holds it: a bridge from
 * callback APIs into the task world, or a hand-made completion signal. It
 * has no body; made inside a task it is that task's child (stopped by its
 * stop, shown in its `taskTree()`). It completes exactly once: by
 * {@link ManualTask.resolve}, {@link ManualTask.fail}, or `stop(reason)`,
 * which completes it with `Stopped` (and whose promise resolves at once).
 *
 * A waiter that gets stopped ends only its own wait, as for any task; for a
 * one-shot signal many tasks share, `Event` from `@gentletask/primitives`
 * says so more plainly.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { ManualTask } from "@gentletask/tasks";
 *
 * const server = createServer();
 * const ready = new ManualTask<string>({ name: "ready" });
 * server.once("listening", () => ready.resolve("up"));
 * server.listen(0, "127.0.0.1");
 * console.log(await ready); // "up"
 * server.close();
 * ```
 */
export class ManualTask<T> extends TaskBase<T> {
  /**
   * Creates a running task that finishes only when `resolve`, `fail` or
   * `stop` is called; made inside a task, it is that task's child.
   *
   * @throws TypeError for a wrong option.
   */
  constructor(options?: ManualTaskOptions<T>) {
    checkOptions("ManualTask", options, ["name", "onFinish"]);
    checkOptionalString("ManualTask", "options.name", options?.name);
    if (options?.onFinish !== undefined) {
      checkFunction("ManualTask", "options.onFinish", options.onFinish);
    }
    super(options?.name ?? "manual", MANUAL_KIND, "child");
    this.enterRunning(false);
    if (options?.onFinish !== undefined) this.addFinishCallback(options.onFinish);
  }

  /** Completes the task with `value`; `false` (and no change) if it is already complete. */
  resolve(value: T): boolean {
    return this.complete(true, value);
  }

  /** Completes the task with `error`; `false` (and no change) if it is already complete. */
  fail(error: unknown): boolean {
    return this.complete(false, error);
  }
}

import type { TaskKind, TaskNode } from "./core/task-node.js";
import { TaskBase } from "./task-base.js";

/**
 * One job submitted to a {@link SerialWorker}: a task that runs its body in
 * the async context of the code that submitted it, when the worker gets to
 * it.
 *
 * Stopped while queued, it never runs and completes with `Stopped`. Stopped
 * while running, it completes with `Stopped` at once (its waiters wake),
 * while its `stop()` promise resolves, and the worker moves on, only once
 * the body (and its children) have exited.
 *
 * @internal Created by `SerialWorker#submit`.
 */
export class WorkTask<T> extends TaskBase<T> {
  /** What argument errors call this internal class (see `TaskBase`). */
  static readonly apiName = "Task";
  #fn: ((...args: never[]) => unknown) | undefined;
  #args: readonly unknown[] | undefined;
  readonly #onExit: (job: WorkTask<T>) => void;

  /** Call in the submitter's context: that is the context the body runs in. */
  constructor(
    name: string,
    fn: (...args: never[]) => unknown,
    args: readonly unknown[] | undefined,
    onExit: (job: WorkTask<T>) => void,
    worker: TaskNode,
  ) {
    // Not the submitter's child: the worker's, so the worker's stop reaches it.
    super(name, WorkTask.#kind, { under: worker });
    this.#fn = fn;
    this.#args = args;
    this.#onExit = onExit;
  }

  /** The job's `AbortSignal`; see `AsyncTask#signal`. */
  get signal(): AbortSignal {
    return this.taskSignal();
  }

  /** Runs the body, unless the job was stopped before its turn came. @internal */
  run(): void {
    if (!this.enterRunning(true)) return;
    const fn = this.#fn as (...args: never[]) => unknown;
    const args = this.#args;
    this.#fn = undefined;
    this.#args = undefined;
    this.runBody(fn, args);
  }

  static readonly #kind: TaskKind = {
    settlesOnStop: true,
    onExit: (node) => {
      const job = node.task as WorkTask<unknown>;
      if (#fn in job) job.#exited();
    },
  };

  #exited(): void {
    this.#fn = undefined;
    this.#args = undefined;
    this.#onExit(this);
  }
}

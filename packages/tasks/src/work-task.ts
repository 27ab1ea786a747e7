import type { SemanticSnapshot } from "@gentletask/semantic-stack";
import { TaskBase } from "./task-base.js";

/**
 * One job submitted to a {@link SerialWorker}: a task that runs its body in
 * the context captured at `submit` time, when the worker gets to it.
 *
 * Stopped while queued, it never runs and completes with `Stopped`. Stopped
 * while running, it completes with `Stopped` at once (its waiters wake),
 * while its `stop()` promise resolves, and the worker moves on, only once
 * the body (and its children) have exited.
 *
 * @internal Created by `SerialWorker#submit`.
 */
export class WorkTask<T> extends TaskBase<T> {
  #fn: ((...args: never[]) => unknown) | undefined;
  #args: readonly unknown[] | undefined;
  #snapshot: SemanticSnapshot | undefined;
  readonly #onExit: (job: WorkTask<T>) => void;

  constructor(
    name: string,
    fn: (...args: never[]) => unknown,
    args: readonly unknown[] | undefined,
    snapshot: SemanticSnapshot,
    onExit: (job: WorkTask<T>) => void,
  ) {
    super(name);
    this.#fn = fn;
    this.#args = args;
    this.#snapshot = snapshot;
    this.#onExit = onExit;
    // A job is nobody's child, but it is work in progress: list it as a root.
    this.joinTree(true);
  }

  /** The job's `AbortSignal`; see `AsyncTask#signal`. */
  get signal(): AbortSignal {
    return this.taskSignal();
  }

  /** Runs the body in the submitter's context; false if the job was stopped while queued. */
  run(): boolean {
    if (!this.enterRunning(true)) return false;
    const fn = this.#fn as (...args: never[]) => unknown;
    const args = this.#args;
    const snapshot = this.#snapshot as SemanticSnapshot;
    this.#fn = undefined;
    this.#args = undefined;
    this.#snapshot = undefined;
    this.runBody(fn, args, snapshot);
    return true;
  }

  protected override settlesOnStop(): boolean {
    return true;
  }

  protected override onExit(): void {
    this.#fn = undefined;
    this.#args = undefined;
    this.#snapshot = undefined;
    this.#onExit(this);
  }
}

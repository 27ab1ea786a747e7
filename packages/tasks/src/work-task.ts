import { NODE, type TaskKind, type TaskNode } from "./core/task-node.js";
import { TaskBase } from "./task-base.js";

/**
 * Set by {@link captureResolve}: lets a job make its gate without a closure
 * (jobs are many). The gate opens with the job's node, not the job: a job is
 * a thenable, which a promise would adopt; its node is a plain record.
 */
let captured: ((node: TaskNode) => void) | undefined;

function captureResolve(resolve: (node: TaskNode) => void): void {
  captured = resolve;
}

function runJob(node: TaskNode): void {
  (node.task as WorkTask<unknown>).run();
}

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
  #fn: ((...args: never[]) => unknown) | undefined;
  #args: readonly unknown[] | undefined;
  /** Opens the gate the body waits behind; see the constructor. */
  #open: ((node: TaskNode) => void) | undefined;
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
    // A reaction runs in the async context it was registered in: registered
    // here, the body runs in the submitter's whole context (the throughline
    // and every other AsyncLocalStorage), never in the previous job's.
    new Promise<TaskNode>(captureResolve).then(runJob);
    this.#open = captured;
    captured = undefined;
  }

  /** The job's `AbortSignal`; see `AsyncTask#signal`. */
  get signal(): AbortSignal {
    return this.taskSignal();
  }

  /**
   * Lets the body run, on a later microtask, unless the job is stopped
   * before then (its exit then tells the worker, as for any job).
   */
  start(): void {
    const open = this.#open;
    this.#open = undefined;
    open?.(this[NODE]);
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
    this.#open = undefined;
    this.#onExit(this);
  }
}

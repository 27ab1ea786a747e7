import { NODE, type TaskKind, type TaskNode } from "./core/task-node.js";
import { TaskBase } from "./task-base.js";

/**
 * The task that stands for a `SerialWorker` in the tree: a child of the task
 * that made the worker (a root outside any task), with the worker's jobs as
 * its children. So the owner's stop, or the end of the owner's body, stops
 * it and every job without draining, and the owner does not exit before the
 * last job has. It has no body: the worker completes it once it has drained.
 *
 * @internal Created by `SerialWorker`.
 */
export class WorkerTask extends TaskBase<void> {
  /** What argument errors call this internal class (see `TaskBase`). */
  static readonly apiName = "Task";
  static readonly #kind: TaskKind = {
    settlesOnStop: true,
    // Guarded: made inside a stopped task, it is stopped during `super()`,
    // before its fields exist (the worker then reads `isStopped`).
    onStopRequested: (node) => {
      const task = node.task as WorkerTask;
      if (#hooks in task) task.#hooks?.stopped();
    },
    onExit: (node) => {
      const task = node.task as WorkerTask;
      if (#hooks in task) task.#hooks?.exited();
    },
  };

  /** What the worker wants to hear; set right after construction. */
  #hooks: { stopped(): void; exited(): void } | undefined = undefined;

  constructor(name: string) {
    super(name, WorkerTask.#kind, "child");
    this.enterRunning(false);
  }

  /** The record jobs join under. @internal */
  get node(): TaskNode {
    return this[NODE];
  }

  /** Connects the worker: told when this task is stopped and when it has exited. */
  connect(hooks: { stopped(): void; exited(): void }): void {
    this.#hooks = hooks;
  }

  /** Completes the task once the worker has drained; it exits when its jobs have. */
  drained(): void {
    this.complete(true, undefined);
  }
}

import {
  checkFunction,
  checkOptionalString,
  checkOptions,
  isThenable,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { stopForLibrary } from "./core/library-stop.js";
import { nodeOf, type TaskKind } from "./core/task-node.js";
import { checkNoCycle, startWaitingOn, stopWaitingOn } from "./core/wait-cycles.js";
import { reportUncaught } from "./report-uncaught.js";
import { type FinishCallback, isTask, type Task } from "./task.js";
import { TaskBase } from "./task-base.js";

const NO_ERROR: unique symbol = Symbol("no error");

function noop(): void {}

/**
 * Options for {@link MultiTask}.
 *
 * @example
 * ```ts
 * import { MultiTask, type MultiTaskOptions, spawn } from "@gentletask/tasks";
 *
 * const options: MultiTaskOptions<[number, number]> = { name: "pair" };
 * console.log(await new MultiTask([spawn(() => 1), spawn(() => 2)], options)); // [1, 2]
 * ```
 */
export interface MultiTaskOptions<T> {
  /** The task's name; default `"multi"`. */
  name?: string;
  /** Called once with `(results, error)` when every task has finished. */
  onFinish?: FinishCallback<T>;
}

/**
 * One task standing for several: it finishes when all of them have.
 * `wait` gives their results in order, rethrows the failure if exactly one
 * failed, or rejects with an `AggregateError` of the failures (in task
 * order) if two or more did (a `Stopped` counts as a failure). Its `stop`
 * stops them all and resolves when all have finished.
 *
 * Made inside a task, it is that task's child; it adopts no children:
 * the tasks keep their own parents. Waiting on its tasks counts as a wait,
 * so a MultiTask over a task it could never outlast (one of its own
 * ancestors, or a task in a cycle of waits back to it) fails at once with an
 * `Error` naming the tasks instead of hanging.
 *
 * @example
 * ```ts
 * import { MultiTask, spawn } from "@gentletask/tasks";
 *
 * const both = new MultiTask([spawn(() => 1), spawn(async () => "two")]);
 * const [one, two] = await both;
 * console.log(one, two); // 1 "two"
 * ```
 */
export class MultiTask<T extends readonly unknown[] | []> extends TaskBase<T> {
  /** The tasks, in the order given. */
  readonly tasks: readonly Task[];
  /** What the tasks' `stop` calls returned, once this task is stopped. */
  #stops: PromiseLike<unknown>[] | undefined = undefined;
  #unwound: Promise<void> | undefined = undefined;

  /**
   * Creates a task standing for `tasks` (read once, in order); it starts
   * collecting their outcomes at once.
   *
   * @throws TypeError if `tasks` is not iterable or holds something that is not a task.
   */
  constructor(
    tasks: { readonly [K in keyof T]: Task<T[K]> } | Iterable<Task<T[number]>>,
    options?: MultiTaskOptions<T>,
  ) {
    if (
      typeof tasks !== "object" ||
      tasks === null ||
      typeof (tasks as Iterable<Task>)[Symbol.iterator] !== "function"
    ) {
      typeError("MultiTask", "tasks", "an iterable of tasks", tasks);
    }
    checkOptions("MultiTask", options, ["name", "onFinish"]);
    checkOptionalString("MultiTask", "options.name", options?.name);
    if (options?.onFinish !== undefined) {
      checkFunction("MultiTask", "options.onFinish", options.onFinish);
    }
    const list = [...(tasks as Iterable<Task>)];
    list.forEach((task, index) => {
      if (!isTask(task)) typeError("MultiTask", `tasks[${index}]`, "a task", task);
    });
    super(options?.name ?? "multi", MultiTask.#kind, "child");
    this.tasks = Object.freeze(list);
    const running = this.enterRunning(false);
    if (options?.onFinish !== undefined) this.addFinishCallback(options.onFinish);
    // Made inside a stopped task, it settled with `Stopped` as it was made:
    // taking its tasks' outcomes now would mark their failures observed
    // while it can no longer carry them anywhere.
    if (running) this.#collect(list);
  }

  static readonly #kind: TaskKind = {
    settlesOnStop: false,
    onStopRequested: (node) => {
      const task = node.task as MultiTask<readonly unknown[]>;
      // Stopped during `super()` (nothing to stop yet) cannot happen at the root.
      if (#stops in task) task.#stopRequested();
    },
  };

  #collect(list: Task[]): void {
    const results: unknown[] = new Array(list.length);
    const errors: (unknown | typeof NO_ERROR)[] = new Array(list.length).fill(NO_ERROR);
    let left = list.length;
    const finish = () => {
      const failures = errors.filter((error) => error !== NO_ERROR);
      if (failures.length === 0) this.complete(true, results);
      else if (failures.length === 1) this.complete(false, failures[0]);
      else {
        this.complete(
          false,
          new AggregateError(failures, `${failures.length} of ${list.length} tasks failed`),
        );
      }
    };
    if (left === 0) {
      finish();
      return;
    }
    // Waiting on its tasks is a wait like any other: one that could never
    // end (a task of its own ancestors, or a cycle through waits) fails now.
    const self = nodeOf(this);
    for (const task of list) {
      const node = nodeOf(task);
      const cycle = node === undefined ? undefined : checkNoCycle(node, this);
      if (cycle !== undefined) {
        this.complete(false, cycle);
        return;
      }
    }
    list.forEach((task, index) => {
      const node = nodeOf(task);
      if (self !== undefined && node !== undefined) startWaitingOn(self, node);
      let reported = false;
      task.addFinishCallback((result, error) => {
        // A custom task may call back twice: only its first outcome counts.
        if (reported) return;
        reported = true;
        if (self !== undefined && node !== undefined) stopWaitingOn(self, node);
        // A built-in task can tell a body that threw `undefined` from one that returned it.
        const failed = node !== undefined ? node.phase.state === "failed" : error !== undefined;
        if (failed) errors[index] = error;
        else results[index] = result;
        left -= 1;
        if (left === 0) finish();
      });
    });
  }

  /**
   * Stops every task (the first call's reason is kept) and resolves (never
   * rejects) once this task is done and each task's own `stop()` promise has
   * resolved: a stopped job's result comes at once, but its body may still be
   * cleaning up. Calling it again returns the same promise.
   */
  override stop(reason?: unknown): Promise<void> {
    const exited = super.stop(reason);
    if (this.#unwound === undefined) {
      this.#unwound = Promise.all([exited, ...(this.#stops ?? [])]).then(noop, noop);
    }
    return this.#unwound;
  }

  #stopRequested(): void {
    this.#stops = this.#stopAll();
    // A custom task's stop may return a promise: never let it reject unobserved.
    for (const done of this.#stops) done.then(undefined, noop);
  }

  /** Stops every task with this task's reason; returns the promises their `stop` returned. */
  #stopAll(): PromiseLike<unknown>[] {
    const promises: PromiseLike<unknown>[] = [];
    for (const task of this.tasks) {
      try {
        const done = stopForLibrary(task, this.stopReason);
        if (isThenable(done)) promises.push(done);
      } catch (error) {
        reportUncaught(error);
      }
    }
    return promises;
  }
}

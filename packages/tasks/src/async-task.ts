import { type SemanticSnapshot, throughline } from "@gentletask/semantic-stack";
import { checkFunction } from "@gentletask/semantic-stack/argument-errors";
import { forgetAbort, stopOnAbort } from "./abort-relay.js";
import { armRaiseErrors } from "./core/callbacks.js";
import { stopForLibrary } from "./core/library-stop.js";
import { ParkedWait } from "./core/parked-wait.js";
import { NODE, type TaskKind } from "./core/task-node.js";
import { TaskBase } from "./task-base.js";
import { checkTaskOptions, type TaskOptions, taskName } from "./task-options.js";
import { TaskTimeoutError } from "./task-timeout-error.js";

const RESOLVED = Promise.resolve();

/** Which public entry point is constructing, for argument error messages (spawn validates once). */
let entryPoint = "AsyncTask";

/**
 * Runs a function (sync or async, or one returning any thenable) as a
 * stoppable task. The body starts on a later microtask, never before the
 * constructor returns, as `name` on the throughline with this task current,
 * inheriting the creator's throughline and task stack.
 *
 * Created inside a running task, it is that task's child (unless `detach`):
 * the parent's stop cascades to it, and the parent is not done before it
 * has exited. When the body finishes, the task stops its still-running
 * children and waits for them before it is done. Awaitable: `await task`
 * gives the result.
 *
 * A task stopped before its body started never runs the body and completes
 * with `Stopped`.
 *
 * @typeParam T - the result.
 * @typeParam A - the body's arguments (see `options.args`).
 * @example
 * ```ts
 * import { AsyncTask } from "@gentletask/tasks";
 *
 * const task = new AsyncTask(async (x: number) => x * 2, { args: [21], name: "double" });
 * console.log(await task); // 42
 * ```
 */
export class AsyncTask<T, A extends unknown[] = []> extends TaskBase<T> {
  #fn: ((...args: A) => unknown) | undefined;
  #args: A | undefined;
  /** For deferred start: the creator's context, to start the body in. */
  #snapshot: SemanticSnapshot | undefined;
  #extras: { deadline?: ParkedWait<void>; timeoutMs?: number; signal?: AbortSignal } | undefined;

  /**
   * Creates the task; unless `options.start` is `false` its body starts on a
   * later microtask, inside the creator's context, never before this returns.
   *
   * @param fn - the body.
   * @param options - see {@link TaskOptions}.
   * @throws TypeError / RangeError for a wrong `fn` or option; nothing is created.
   */
  constructor(fn: (...args: A) => T | PromiseLike<T>, options?: TaskOptions<T, A>) {
    const where = entryPoint;
    entryPoint = "AsyncTask";
    checkFunction(where, "fn", fn);
    const checked = checkTaskOptions(where, options);
    super(
      taskName(checked?.name, fn),
      AsyncTask.#kind,
      checked?.detach === true ? "root" : "child",
    );
    this.#setUp(fn, checked);
  }

  static readonly #kind: TaskKind = {
    settlesOnStop: false,
    // Guarded: a task created inside a stopped parent exits during `super()`,
    // before this class's fields exist.
    onExit: (node) => {
      const task = node.task as AsyncTask<unknown, unknown[]>;
      if (#fn in task) task.#cleanUp();
    },
  };

  #setUp(fn: (...args: A) => T | PromiseLike<T>, options: TaskOptions<T, A> | undefined): void {
    this.#fn = fn;
    if (options !== undefined) {
      this.#args = options.args;
      if (options.onFinish !== undefined) this.addFinishCallback(options.onFinish);
      if (typeof options.raiseErrors === "string") {
        armRaiseErrors(this[NODE], options.raiseErrors);
      }
      if (options.timeoutMs !== undefined && options.timeoutMs !== Number.POSITIVE_INFINITY) {
        this.#extras = { timeoutMs: options.timeoutMs };
      }
      const signal = options.signal;
      if (signal !== undefined && !this.isDone) {
        if (signal.aborted) stopForLibrary(this, signal.reason);
        else {
          this.#extras = { ...this.#extras, signal };
          stopOnAbort(signal, this);
        }
      }
      if (options.start === false) {
        this.#snapshot = throughline.snapshot();
        return;
      }
    }
    RESOLVED.then(() => this.#run());
  }

  /**
   * The task's `AbortSignal`: hand it to `fetch`, streams, `timers/promises`
   * or child processes. It aborts the moment the task is stopped, with the
   * task's `Stopped` error as its `reason` (already aborted if the task is
   * stopped). Created on first read.
   */
  get signal(): AbortSignal {
    return this.taskSignal();
  }

  /**
   * Starts a task created with `start: false`, in the context it was created
   * in; the body runs on a later microtask. Does nothing if it has started or
   * finished. Returns the task.
   */
  start(): this {
    const snapshot = this.#snapshot;
    if (snapshot !== undefined) {
      this.#snapshot = undefined;
      snapshot.run(() => RESOLVED.then(() => this.#run()));
    }
    return this;
  }

  #run(): void {
    if (!this.enterRunning(true)) {
      this.#cleanUp();
      return;
    }
    const extras = this.#extras;
    if (extras?.timeoutMs !== undefined) {
      const timeoutMs = extras.timeoutMs;
      if (timeoutMs === 0) stopForLibrary(this, new TaskTimeoutError(this, 0));
      else {
        // A wait with only a timer: it ends (and the timer goes) when the task exits.
        const deadline = new ParkedWait<void>(undefined);
        deadline.expireAfter(timeoutMs, () => {
          stopForLibrary(this, new TaskTimeoutError(this, timeoutMs));
        });
        extras.deadline = deadline;
      }
    }
    const fn = this.#fn as (...args: never[]) => unknown;
    const args = this.#args;
    this.#fn = undefined;
    this.#args = undefined;
    this.runBody(fn, args);
  }

  #cleanUp(): void {
    this.#fn = undefined;
    this.#args = undefined;
    this.#snapshot = undefined;
    const extras = this.#extras;
    if (extras !== undefined) {
      this.#extras = undefined;
      extras.deadline?.settle(undefined);
      if (extras.signal !== undefined) forgetAbort(extras.signal, this);
    }
  }
}

/**
 * Starts `fn` in a new {@link AsyncTask} and returns the task; `await` it for
 * the result. The body starts on a later microtask.
 *
 * @throws TypeError / RangeError for a wrong `fn` or option; nothing is started.
 * @example
 * ```ts
 * import { spawn } from "@gentletask/tasks";
 *
 * const answer = await spawn(async () => 6 * 7, { name: "answer" });
 * console.log(answer); // 42
 * ```
 */
export function spawn<T, A extends unknown[] = []>(
  fn: (...args: A) => T | PromiseLike<T>,
  options?: TaskOptions<T, A>,
): AsyncTask<T, A> {
  entryPoint = "spawn";
  return new AsyncTask(fn, options);
}

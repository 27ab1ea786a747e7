import {
  checkFunction,
  checkOptionalString,
  checkOptions,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { Fifo } from "./core/fifo.js";
import { stopForLibrary } from "./core/library-stop.js";
import type { Task } from "./task.js";
import { taskName } from "./task-options.js";
import { WorkTask } from "./work-task.js";
import { WorkerTask } from "./worker-task.js";

const RESOLVED: Promise<void> = Promise.resolve();
const STOP_OPTION_KEYS = ["drain"] as const;
const SUBMIT_OPTION_KEYS = ["args", "name"] as const;

/**
 * Options for {@link SerialWorker.stop}.
 *
 * @example
 * ```ts
 * import { SerialWorker, type StopOptions } from "@gentletask/tasks";
 *
 * const worker = new SerialWorker("mailer");
 * const queued = worker.submit(() => "never runs");
 * const options: StopOptions = { drain: false };
 * await worker.stop(options);
 * console.log(queued.isStopped); // true
 * ```
 */
export interface StopOptions {
  /** Default `true`: let the queued jobs run first. `false`: stop them and the running job now. */
  drain?: boolean;
}

/**
 * Options for {@link SerialWorker.submit}.
 *
 * @example
 * ```ts
 * import { SerialWorker, type SubmitOptions } from "@gentletask/tasks";
 *
 * const worker = new SerialWorker("mailer");
 * const options: SubmitOptions<[string]> = { args: ["ada@example.com"], name: "welcome-mail" };
 * console.log(await worker.submit((to: string) => `sent to ${to}`, options)); // sent to ada@example.com
 * await worker.stop();
 * ```
 */
export interface SubmitOptions<A extends unknown[]> {
  /** Arguments the job is called with. */
  args?: A;
  /** The job's name on the throughline; default `fn.name`, else `"anonymous"`. */
  name?: string;
}

/**
 * Runs submitted jobs one at a time, in submission order, each in the
 * context of the code that submitted it: the submitter's throughline and
 * task stack at `submit` time, with the job's own name on top, and every
 * other async context (`AsyncLocalStorage`) the submitter was in (a job is
 * not a child of its submitter; tasks it spawns are its children).
 *
 * A queued job that is stopped never runs and completes with `Stopped`. A
 * running job that is stopped completes with `Stopped` at once, while the
 * next job starts only after its body has exited.
 *
 * @example
 * ```ts
 * import { SerialWorker } from "@gentletask/tasks";
 *
 * const log: string[] = [];
 * const worker = new SerialWorker("db");
 * worker.submit(async () => log.push("first"), { name: "migrate" });
 * const count = await worker.submit(async () => log.push("second"), { name: "seed" });
 * await worker.stop();
 * console.log(log, count); // ["first", "second"] 2
 * ```
 */
export class SerialWorker {
  /** The worker's name, used in error messages. */
  readonly name: string;
  /**
   * Each job's turn is a reaction on the previous job's turn, registered at
   * `submit`: a reaction runs in the async context it was registered in, so
   * the body runs in the submitter's whole context (the throughline and
   * every other `AsyncLocalStorage`), and a job costs one reaction and one
   * promise. `#chain` is the last turn.
   */
  #chain: Promise<void> = RESOLVED;
  /** The jobs whose turn has not come yet, in submission order (the turns take them in order). */
  readonly #queue = new Fifo<WorkTask<unknown>>();
  /**
   * Jobs whose turn came while another job held the worker: each waits in a
   * reaction on `#gate`, again in its submitter's context, oldest first.
   */
  readonly #parked = new Fifo<WorkTask<unknown>>();
  /** Opens when the running job exits; made only when a turn has to wait for it. */
  #gate: Promise<void> | undefined = undefined;
  #openGate: (() => void) | undefined = undefined;
  /** Queued or parked jobs not stopped yet: the worker has drained when none is left and none runs. */
  #live = 0;
  #running: WorkTask<unknown> | undefined = undefined;
  readonly #turn = (): void => this.#takeTurn(this.#queue.shift(), false);
  readonly #parkedTurn = (): void => this.#takeTurn(this.#parked.shift(), true);
  #stopPromise: Promise<void> | undefined = undefined;
  #stopResolve: (() => void) | undefined = undefined;
  /** Whether the queue is drained and the worker's task completed (or stopped). */
  #finished = false;
  readonly #jobExited = (job: WorkTask<unknown>) => this.#exited(job);
  /** The worker in the task tree: the child of the task that made it, parent of its jobs. */
  readonly #task: WorkerTask;

  /**
   * Creates an idle worker named `name`; made inside a task, it belongs to
   * that task and stops without draining when the task stops or exits.
   *
   * @throws TypeError if `name` is not a string.
   */
  constructor(name = "serial-worker") {
    if (typeof name !== "string") typeError("SerialWorker", "name", "a string", name);
    this.name = name;
    this.#task = new WorkerTask(name);
    this.#task.connect({
      stopped: () => this.#abandon(),
      exited: () => {
        this.#stopResolve?.();
        this.#stopResolve = undefined;
      },
    });
    // Made inside a task that is already stopped: stopped from the start.
    if (this.#task.isStopped) this.#abandon();
  }

  /** Whether `stop()` has been called: no more jobs are accepted. */
  get isStopped(): boolean {
    return this.#stopPromise !== undefined;
  }

  /**
   * Queues `fn(...args)` and returns its task at once (awaitable); the body
   * runs on a later microtask at the earliest, after every job submitted
   * before it has exited.
   *
   * @throws TypeError for a wrong `fn` or option.
   * @throws Error if the worker has been stopped.
   */
  submit<T, A extends unknown[] = []>(
    fn: (...args: A) => T | PromiseLike<T>,
    options?: SubmitOptions<A>,
  ): Task<Awaited<T>> & PromiseLike<Awaited<T>> {
    // The common call (a function, no options) builds no message string.
    if (typeof fn !== "function" || options !== undefined) this.#checkSubmit(fn, options);
    if (this.#stopPromise !== undefined) {
      throw new Error(
        `${this.name}.submit: worker "${this.name}" has been stopped and takes no more jobs`,
      );
    }
    const job = new WorkTask<Awaited<T>>(
      taskName(options?.name, fn),
      fn as (...args: never[]) => unknown,
      options?.args,
      this.#jobExited as (job: WorkTask<Awaited<T>>) => void,
      this.#task.node,
    );
    // Stopped at once (made in a stopped worker's task): it has exited and never runs.
    if (!job.isDone) this.#live++;
    this.#queue.push(job as WorkTask<unknown>);
    // The body runs on a later microtask at the earliest: its turn is a reaction.
    this.#chain = this.#chain.then(this.#turn);
    return job;
  }

  #checkSubmit(fn: unknown, options: SubmitOptions<unknown[]> | undefined): void {
    const where = `${this.name}.submit`;
    checkFunction(where, "fn", fn);
    checkOptions(where, options, SUBMIT_OPTION_KEYS);
    checkOptionalString(where, "options.name", options?.name);
    if (options?.args !== undefined && !Array.isArray(options.args)) {
      typeError(where, "options.args", "an array", options.args);
    }
  }

  /**
   * Takes no more jobs and resolves (never rejects) once the last job has
   * exited. By default the queued jobs still run first; with
   * `{ drain: false }` they complete with `Stopped` and never run, and the
   * running job is stopped, as when the task that made the worker is
   * stopped. A later call returns the same promise, and `{ drain: false }`
   * still cuts short a drain in progress.
   *
   * @throws TypeError for a wrong option.
   */
  stop(options?: StopOptions): Promise<void> {
    checkOptions(`${this.name}.stop`, options, STOP_OPTION_KEYS);
    if (options?.drain !== undefined && typeof options.drain !== "boolean") {
      typeError(`${this.name}.stop`, "options.drain", "a boolean", options.drain);
    }
    const promise = this.#close();
    if (options?.drain === false)
      void stopForLibrary(this.#task, `worker "${this.name}" stopped without draining`);
    else this.#checkDrained();
    return promise;
  }

  /** Takes no more jobs; the promise `stop()` returns. */
  #close(): Promise<void> {
    if (this.#stopPromise === undefined) {
      this.#stopPromise = new Promise<void>((resolve) => {
        this.#stopResolve = resolve;
      });
      // Already exited (stopped inside a stopped task, nothing queued).
      if (this.#task.isDone && this.#task.isStopped && this.#running === undefined) {
        // Its exit may have happened before anyone asked.
        void Promise.resolve(stopForLibrary(this.#task, undefined)).then(() =>
          this.#stopResolve?.(),
        );
      }
    }
    return this.#stopPromise;
  }

  /** The worker's task was stopped (by its owner, or `stop({ drain: false })`): no draining. */
  #abandon(): void {
    this.#close();
    this.#finished = true;
  }

  /**
   * A job's turn came (in its submitter's context): it runs now if the
   * worker is free, else it waits for the running job's exit. A job stopped
   * while queued has already exited and does not run.
   */
  #takeTurn(job: WorkTask<unknown>, wasParked: boolean): void {
    if (job.isDone) return;
    // A first turn waits behind parked ones: they came earlier (reactions on
    // one gate run back to back, so the parked ones keep their order too).
    if (this.#running !== undefined || (!wasParked && this.#parked.length > 0)) {
      this.#park(job);
      return;
    }
    this.#live--;
    this.#running = job;
    job.run();
  }

  /**
   * Waits, in the current (the submitter's) context, for the running job's
   * exit; with none running, behind the parked turns already under way.
   */
  #park(job: WorkTask<unknown>): void {
    this.#parked.push(job);
    if (this.#running === undefined) {
      RESOLVED.then(this.#parkedTurn);
      return;
    }
    if (this.#gate === undefined) {
      this.#gate = new Promise<void>((resolve) => {
        this.#openGate = resolve;
      });
    }
    this.#gate.then(this.#parkedTurn);
  }

  #exited(job: WorkTask<unknown>): void {
    if (this.#running !== job) {
      // Stopped before it ran: it never held the worker.
      this.#live--;
      this.#checkDrained();
      return;
    }
    this.#running = undefined;
    const open = this.#openGate;
    this.#gate = undefined;
    this.#openGate = undefined;
    open?.();
    this.#checkDrained();
  }

  /** Drained after stop(): completes the worker's task once the last job has left it. */
  #checkDrained(): void {
    if (this.#stopPromise === undefined || this.#finished) return;
    if (this.#running !== undefined || this.#live > 0) return;
    this.#finished = true;
    // The last job is still unlinking if it just exited.
    queueMicrotask(() => this.#task.drained());
  }
}

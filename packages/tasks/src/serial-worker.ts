import {
  checkFunction,
  checkOptionalString,
  checkOptionsObject,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { Fifo } from "./core/fifo.js";
import type { Task } from "./task.js";
import { taskName } from "./task-options.js";
import { WorkTask } from "./work-task.js";

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
  readonly #queue = new Fifo<WorkTask<unknown>>();
  #running: WorkTask<unknown> | undefined = undefined;
  #stopPromise: Promise<void> | undefined = undefined;
  #stopResolve: (() => void) | undefined = undefined;
  readonly #jobExited = (job: WorkTask<unknown>) => this.#exited(job);

  /** @throws TypeError if `name` is not a string. */
  constructor(name = "serial-worker") {
    if (typeof name !== "string") typeError("SerialWorker", "name", "a string", name);
    this.name = name;
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
    const where = `${this.name}.submit`;
    checkFunction(where, "fn", fn);
    checkOptionsObject(where, options);
    checkOptionalString(where, "options.name", options?.name);
    if (options?.args !== undefined && !Array.isArray(options.args)) {
      typeError(where, "options.args", "an array", options.args);
    }
    if (this.#stopPromise !== undefined) {
      throw new Error(`${where}: worker "${this.name}" has been stopped and takes no more jobs`);
    }
    const job = new WorkTask<Awaited<T>>(
      taskName(options?.name, fn),
      fn as (...args: never[]) => unknown,
      options?.args,
      this.#jobExited as (job: WorkTask<Awaited<T>>) => void,
    );
    this.#queue.push(job as WorkTask<unknown>);
    // Starting a job only opens its gate: its body runs on a later microtask.
    if (this.#running === undefined) this.#pump();
    return job;
  }

  /**
   * Takes no more jobs, lets the queued ones run, and resolves (never
   * rejects) once the last has exited. Calling it again returns the same promise.
   */
  stop(): Promise<void> {
    if (this.#stopPromise === undefined) {
      this.#stopPromise = new Promise<void>((resolve) => {
        this.#stopResolve = resolve;
      });
      if (this.#running === undefined) this.#pump();
    }
    return this.#stopPromise;
  }

  /**
   * Starts the next queued job that was not stopped while queued, or
   * resolves `stop()` if none is left. Starting a job calls nothing back
   * synchronously, so this never nests.
   */
  #pump(): void {
    while (this.#running === undefined) {
      const job = this.#take();
      if (job === undefined) {
        // Resolves stop(), once, if it was called.
        this.#stopResolve?.();
        this.#stopResolve = undefined;
        return;
      }
      // A job stopped while queued does not run and has already exited.
      if (job.isDone) continue;
      this.#running = job;
      job.start();
    }
  }

  #take(): WorkTask<unknown> | undefined {
    return this.#queue.length > 0 ? this.#queue.shift() : undefined;
  }

  #exited(job: WorkTask<unknown>): void {
    if (this.#running !== job) return; // stopped while queued: it never held the worker
    this.#running = undefined;
    this.#pump();
  }
}

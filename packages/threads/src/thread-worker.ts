import type { ResourceLimits, TransferListItem } from "node:worker_threads";
import { sleep } from "@gentletask/primitives";
import { currentTask, SerialWorker, spawn, type Task } from "@gentletask/tasks";
import {
  checkOptionalDuration,
  checkOptionalString,
  moduleHref,
  readOptions,
  typeError,
} from "./argument-checks.js";
import { type JobRequest, runOnHost } from "./main-side-job.js";
import { DEFAULT_GRACE_MS, threadRequest } from "./spawn-thread.js";
import { createStopFlag, resetStopFlag } from "./stop-flag.js";
import { ThreadHost } from "./thread-host.js";

/**
 * Options for a {@link ThreadWorker}.
 *
 * @example
 * ```ts
 * import { ThreadWorker } from "@gentletask/threads";
 *
 * const worker = new ThreadWorker(new URL("./images.js", import.meta.url), {
 *   name: "images",
 *   graceMs: 2000,
 *   resourceLimits: { maxOldGenerationSizeMb: 512 },
 * });
 * ```
 */
export interface ThreadWorkerOptions {
  /** The worker's name, for error messages and `taskTree()`; default `"thread-worker"`. */
  name?: string;
  /** How long a stopped job's thread may run before it is terminated (and replaced); default 5000 ms. */
  graceMs?: number;
  /** The thread's memory limits (`worker_threads` `resourceLimits`). */
  resourceLimits?: ResourceLimits;
}

/**
 * Options for {@link ThreadWorker.submit}.
 *
 * @example
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { ThreadWorker } from "@gentletask/threads";
 *
 * const worker = new ThreadWorker(new URL("./images.js", import.meta.url));
 * const photo = new Uint8Array(await readFile("photo.jpg"));
 * // The bytes move to the thread instead of being copied; `photo` is empty afterwards.
 * const thumb = worker.submit("thumbnail", { args: [photo], name: "thumb", transfer: [photo.buffer] });
 * ```
 */
export interface ThreadJobOptions {
  /** Arguments for the export, copied to the thread by structured clone. */
  args?: readonly unknown[];
  /** The job's name on the throughline; default: the export's name. */
  name?: string;
  /** Objects in `args` to move to the thread rather than copy. */
  transfer?: readonly TransferListItem[];
}

/**
 * The seed's `WorkerThread`: one long-lived worker thread that runs
 * submitted jobs, exports of one module, one at a time in submission order,
 * with {@link SerialWorker}'s semantics. Each job runs in the context of the
 * code that submitted it (its throughline, as data, with the job's name on
 * top); a queued job that is stopped never runs; a running job that is
 * stopped completes with `Stopped` at once, its thread sees the stop through
 * shared memory, and the next job starts once the thread is done with it (or
 * once the thread, still busy `graceMs` later, has been terminated and
 * replaced). A job that crashes the thread fails with a `ThreadCrashError`
 * and the next job gets a fresh thread.
 *
 * Created inside a task, the worker belongs to it: when that task is stopped
 * or its body exits, the worker is stopped without draining (queued jobs
 * complete with `Stopped`), and the task does not finish before the thread
 * has exited. An idle worker does not keep the process alive.
 *
 * @example
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import { ThreadWorker } from "@gentletask/threads";
 *
 * const photo = new Uint8Array(await readFile("photo.jpg"));
 * const worker = new ThreadWorker(new URL("./images.js", import.meta.url), { name: "images" });
 * const thumb = await worker.submit<Uint8Array>("thumbnail", { args: [photo], name: "thumb" });
 * await worker.stop(); // queued jobs run first; then the thread exits
 * ```
 */
export class ThreadWorker {
  /** The worker's name. */
  readonly name: string;
  readonly #module: string;
  readonly #graceMs: number;
  readonly #resourceLimits: ResourceLimits | undefined;
  readonly #serial: SerialWorker;
  #host: ThreadHost | undefined;
  #jobs: Task<unknown>[] = [];
  readonly #flags = new WeakMap<ThreadHost, SharedArrayBuffer>();
  #closed: Promise<void> | undefined;
  readonly #keeper: Task<void> | undefined;

  /**
   * Starts the thread at once, so the first job finds it warm.
   *
   * @param module - the ES module whose exports the jobs name: a file URL or an absolute path.
   * @throws TypeError / RangeError for a module that does not exist or a wrong option.
   */
  constructor(module: URL | string, workerOptions?: ThreadWorkerOptions) {
    const where = "ThreadWorker";
    const options = readOptions(where, workerOptions, ["name", "graceMs", "resourceLimits"]);
    checkOptionalString(where, "options.name", options.name);
    checkOptionalDuration(where, "options.graceMs", options.graceMs);
    const limits = options.resourceLimits;
    if (limits !== undefined && (typeof limits !== "object" || limits === null)) {
      typeError(where, "options.resourceLimits", "an object", limits);
    }
    this.#module = moduleHref(where, module);
    this.name = options.name ?? "thread-worker";
    this.#graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
    this.#resourceLimits = limits;
    this.#serial = new SerialWorker(this.name);
    this.#host = this.#startHost();
    this.#host.unref();
    if (currentTask() !== undefined) this.#keeper = spawn(() => this.#keep(), { name: this.name });
  }

  /** Whether `stop()` has been called (or the owning task stopped it): no more jobs are taken. */
  get isStopped(): boolean {
    return this.#serial.isStopped;
  }

  /**
   * Queues the export `exportName` with `options.args` and returns its task
   * at once (awaitable).
   *
   * @throws TypeError for a wrong argument, or arguments that cannot be cloned.
   * @throws Error if the worker has been stopped.
   */
  submit<T>(exportName: string, jobOptions?: ThreadJobOptions): Task<T> & PromiseLike<T> {
    const where = `${this.name}.submit`;
    const options = readOptions(where, jobOptions, ["args", "name", "transfer"]);
    checkOptionalString(where, "options.name", options.name);
    const request = threadRequest(where, this.#module, exportName, {
      args: options.args,
      transfer: options.transfer,
      graceMs: this.#graceMs,
    });
    const job = this.#serial.submit(() => this.#run<T>(request), {
      name: options.name ?? request.exportName,
    }) as Task<T> & PromiseLike<T>;
    if (this.#jobs.length >= 64) this.#jobs = this.#jobs.filter((queued) => !queued.isDone);
    this.#jobs.push(job as Task<unknown>);
    return job;
  }

  /**
   * Takes no more jobs, lets the queued ones run, then lets the thread exit
   * (terminating it if it is still busy `graceMs` later). Resolves (never
   * rejects) once it has; calling it again returns the same promise.
   * `stop({ drain: false })` stops the queued and running jobs instead.
   *
   * @throws TypeError if `options` is not an object, has a key other than
   *   `drain`, or `drain` is not a boolean; nothing is stopped then.
   */
  stop(options?: { drain?: boolean }): Promise<void> {
    const where = `${this.name}.stop`;
    const { drain } = readOptions(where, options, ["drain"]);
    if (drain !== undefined && typeof drain !== "boolean") {
      typeError(where, "options.drain", "a boolean", drain);
    }
    if (drain === false) this.#stopJobs();
    if (this.#closed === undefined) this.#closed = this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    await this.#serial.stop();
    const host = this.#host;
    this.#host = undefined;
    if (host !== undefined) {
      host.close();
      await host.exitWithin(this.#graceMs);
    }
    void this.#keeper?.stop();
  }

  #stopJobs(): void {
    const jobs = this.#jobs;
    this.#jobs = [];
    for (const job of jobs) if (!job.isDone) void job.stop("thread worker stopped");
  }

  /** Holds the owner's exit until the thread is gone; a stop of the owner stops the worker without draining. */
  async #keep(): Promise<void> {
    try {
      await sleep(Number.POSITIVE_INFINITY);
    } catch {
      // Stopped: by the owner, or by our own stop once the thread is gone.
    }
    await this.stop({ drain: false });
  }

  #startHost(): ThreadHost {
    return new ThreadHost({ single: false, resourceLimits: this.#resourceLimits });
  }

  async #run<T>(request: JobRequest): Promise<T> {
    let host = this.#host;
    if (host === undefined || !host.alive) {
      host = this.#startHost();
      this.#host = host;
    }
    // One job at a time per thread, so one flag per thread, made ready for each job.
    let flag = this.#flags.get(host);
    if (flag === undefined) {
      flag = createStopFlag();
      this.#flags.set(host, flag);
    } else {
      resetStopFlag(flag);
    }
    try {
      return (await runOnHost(host, request, currentTask() as Task, flag)) as T;
    } finally {
      host.unref();
    }
  }
}

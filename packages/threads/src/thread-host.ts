import type { TransferListItem } from "node:worker_threads";
import { type ResourceLimits, Worker } from "node:worker_threads";
import type { JobOutcome, JobPayload } from "./job-payload.js";
import { buildModule } from "./sibling-module.js";
import type { ToThread } from "./thread-entry.js";
import { ThreadCrashError } from "./thread-errors.js";

/** Options for the thread a {@link ThreadHost} starts. */
export interface ThreadHostOptions {
  /** End the thread after its first job (a `spawnThread` task's own thread). */
  readonly single: boolean;
  readonly resourceLimits?: ResourceLimits | undefined;
}

interface CurrentJob {
  readonly id: number;
  readonly taskName: string;
  readonly resolve: (outcome: JobOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One worker thread, seen from the main side: posts jobs to it one at a
 * time and turns its reply, its crash or its exit into the job's outcome, so
 * that no job's waiter can outlive the thread.
 */
export class ThreadHost {
  readonly #worker: Worker;
  #current: CurrentJob | undefined;
  #crash: unknown;
  #exitCode: number | undefined;
  /** Resolves with the exit code once the thread is gone. */
  readonly exited: Promise<number>;

  constructor(options: ThreadHostOptions) {
    this.#worker = new Worker(buildModule(import.meta.url, "thread-entry"), {
      workerData: { single: options.single },
      ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
    });
    const worker = this.#worker;
    worker.on("message", (message: { type: string; outcome: JobOutcome }) => {
      const current = this.#current;
      if (message.type !== "done" || current === undefined || message.outcome.id !== current.id)
        return;
      this.#current = undefined;
      current.resolve(message.outcome);
    });
    worker.on("error", (error) => {
      if (this.#crash === undefined) this.#crash = error;
    });
    this.exited = new Promise<number>((resolve) => {
      worker.once("exit", (code) => {
        this.#exitCode = code;
        worker.removeAllListeners();
        const current = this.#current;
        this.#current = undefined;
        current?.reject(this.#crashError(current.taskName, code));
        resolve(code);
      });
    });
  }

  /** Whether the thread is still there to take jobs. */
  get alive(): boolean {
    return this.#exitCode === undefined;
  }

  /**
   * Posts `job` and resolves with its outcome, or rejects with a
   * {@link ThreadCrashError} when the thread dies first.
   *
   * @throws the post's `DataCloneError` if `job` cannot be cloned.
   */
  run(
    job: JobPayload,
    transfer: readonly TransferListItem[],
    taskName: string,
  ): Promise<JobOutcome> {
    if (!this.alive) return Promise.reject(this.#crashError(taskName, this.#exitCode as number));
    const message: ToThread = { type: "job", job };
    this.#worker.postMessage(message, transfer as never);
    this.#worker.ref();
    return new Promise<JobOutcome>((resolve, reject) => {
      this.#current = { id: job.id, taskName, resolve, reject };
    });
  }

  /** An idle long-lived thread does not keep the process alive. */
  unref(): void {
    this.#worker.unref();
  }

  /** Asks the thread to exit once it is idle. */
  close(): void {
    if (this.alive) this.#worker.postMessage({ type: "close" } satisfies ToThread);
  }

  /** Ends the thread now, whatever it is doing. */
  terminate(): void {
    if (this.alive) void this.#worker.terminate();
  }

  /**
   * Waits for the thread to exit, terminating it if it has not within
   * `graceMs`; resolves with whether it had to be terminated.
   */
  async exitWithin(graceMs: number): Promise<boolean> {
    if (!this.alive) return false;
    let terminated = false;
    const timer =
      graceMs === Number.POSITIVE_INFINITY
        ? undefined
        : setTimeout(
            () => {
              terminated = true;
              this.terminate();
              // Node would shorten a delay past the timer limit to 1 ms.
            },
            Math.min(graceMs, 2 ** 31 - 1),
          );
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
    return terminated;
  }

  #crashError(taskName: string, code: number): ThreadCrashError {
    const crash = this.#crash as { code?: unknown; message?: unknown } | undefined;
    if (crash?.code === "ERR_WORKER_OUT_OF_MEMORY") {
      return new ThreadCrashError(
        taskName,
        "its thread ran out of memory (resourceLimits exceeded)",
        code,
        crash,
      );
    }
    if (crash !== undefined) {
      return new ThreadCrashError(
        taskName,
        `uncaught error in its thread: ${String(crash.message ?? crash)}`,
        code,
        crash,
      );
    }
    return new ThreadCrashError(
      taskName,
      `its thread exited with code ${code} before the job returned`,
      code,
    );
  }
}

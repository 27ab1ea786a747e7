import { AsyncTask, currentTask } from "@gentletask/tasks";
import type { RemoteStopFlag } from "./stop-flag.js";

/**
 * The jobs running in this thread, shared by every copy of this package the
 * thread loads (the job runner's and the user module's may differ).
 */
const RUNNING_KEY = Symbol.for("gentletask.threads.v1.running-jobs");

function runningJobs(): Set<ThreadSideTask<unknown>> {
  const global = globalThis as { [RUNNING_KEY]?: Set<ThreadSideTask<unknown>> };
  let jobs = global[RUNNING_KEY];
  if (jobs === undefined) {
    jobs = new Set();
    Object.defineProperty(global, RUNNING_KEY, { value: jobs, enumerable: false });
  }
  return jobs;
}

/**
 * The task a job runs in inside its thread. Its stop comes from the main
 * side through a shared flag: a thread spinning in a CPU loop has no turn of
 * its event loop to receive a message, so reading `isStopped` (which
 * `checkStop()`, `sleep` and every stop-aware wait do) looks at the flag
 * and, when the main side has asked, stops the task there and then: its
 * waits reject, its signal aborts, its children are stopped, and
 * `checkStop()` throws without awaiting anything. A watcher on the flag
 * delivers the same stop to a thread that is waiting instead.
 */
export class ThreadSideTask<T> extends AsyncTask<T, unknown[]> {
  /** What argument errors call this internal class (see `TaskBase`). */
  static readonly apiName = "Task";
  readonly #flag: RemoteStopFlag;

  constructor(
    fn: (...args: unknown[]) => T | PromiseLike<T>,
    name: string,
    args: unknown[],
    flag: RemoteStopFlag,
  ) {
    super(fn, { name, args, detach: true });
    this.#flag = flag;
    const jobs = runningJobs();
    jobs.add(this as ThreadSideTask<unknown>);
    this.addFinishCallback(() => jobs.delete(this as ThreadSideTask<unknown>));
    flag.watch(() => this.#pull());
  }

  /** Whether a stop has been requested, here or on the main side. */
  override get isStopped(): boolean {
    if (!super.isStopped && this.#flag.stopRequested) this.#pull();
    return super.isStopped;
  }

  #pull(): void {
    if (!super.isStopped) void this.stop(this.#flag.reason());
  }

  /** Applies main-side stops to every job of this thread now; see {@link isStopRequested}. */
  static pullStops(): void {
    for (const job of runningJobs()) void job.isStopped;
  }
}

/**
 * Whether the current task has been asked to stop: cheap enough for a hot
 * loop (one atomic load inside a thread task). Inside a thread it also
 * applies a stop the main side has asked for but whose message the busy
 * thread has not received yet, to the job and every task under it, so a
 * `checkStop()` that follows throws. `checkStop()` itself sees the shared
 * flag directly only in the job's own task; in tasks a job spawns inside its
 * thread, call this in CPU loops (or `checkStop()` after an `await`).
 * Outside any task it is `false`.
 *
 * @example
 * ```ts
 * import { isStopRequested } from "@gentletask/threads";
 *
 * export function crunch(rows: number[]) {
 *   let sum = 0;
 *   for (const row of rows) {
 *     if (isStopRequested()) break; // or checkStop() to throw Stopped
 *     sum += row;
 *   }
 *   return sum;
 * }
 * ```
 */
export function isStopRequested(): boolean {
  const task = currentTask();
  if (task === undefined) return false;
  if (task.isStopped) return true;
  if (!(task instanceof ThreadSideTask)) ThreadSideTask.pullStops();
  return task.isStopped;
}

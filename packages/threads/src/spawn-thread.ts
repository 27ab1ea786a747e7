import type { ResourceLimits, TransferListItem } from "node:worker_threads";
import { type AsyncTask, currentTask, spawn, type Task } from "@gentletask/tasks";
import {
  checkArgs,
  checkExportName,
  checkOptionalDuration,
  checkOptionalString,
  moduleHref,
  readOptions,
  typeError,
} from "./argument-checks.js";
import { type JobRequest, runOnHost } from "./main-side-job.js";
import { ThreadTerminated } from "./thread-errors.js";
import { ThreadHost } from "./thread-host.js";

/**
 * How long, by default, a stopped thread may take to exit before it is
 * terminated: 5000 ms, under the 10 s that `main()` gives a whole shutdown.
 *
 * @example
 * ```ts
 * import { DEFAULT_GRACE_MS, spawnThread } from "@gentletask/threads";
 *
 * // render.js flushes a large file when stopped: give it twice the usual time.
 * const task = spawnThread(new URL("./render.js", import.meta.url), "render", {
 *   graceMs: DEFAULT_GRACE_MS * 2,
 * });
 * ```
 */
export const DEFAULT_GRACE_MS = 5_000;

/**
 * Options for {@link spawnThread}.
 *
 * @example
 * ```ts
 * import type { SpawnThreadOptions } from "@gentletask/threads";
 *
 * const rows = [{ region: "north", total: 12 }];
 * const options: SpawnThreadOptions = {
 *   args: [rows],
 *   name: "aggregate",
 *   graceMs: 1000,
 *   timeoutMs: 60_000,
 * };
 * ```
 */
export interface SpawnThreadOptions {
  /** Arguments for the export, copied to the thread by structured clone. */
  args?: readonly unknown[];
  /** The task's name on the throughline; default: the export's name. */
  name?: string;
  /** How long a stopped thread may run before it is terminated; default 5000 ms. */
  graceMs?: number;
  /** Objects in `args` to move to the thread rather than copy (`ArrayBuffer`, `MessagePort`). */
  transfer?: readonly TransferListItem[];
  /** `true`: not a child of the current task. */
  detach?: boolean;
  /** Stop the task with a `TaskTimeoutError` reason if it has not finished after this long. */
  timeoutMs?: number;
  /** The thread's memory limits (`worker_threads` `resourceLimits`); exceeding them fails the task. */
  resourceLimits?: ResourceLimits;
}

const KNOWN = ["args", "name", "graceMs", "transfer", "detach", "timeoutMs", "resourceLimits"];

/** Checks what every thread entry point takes; returns the job request. `href` comes from `moduleHref`. */
export function threadRequest(
  where: string,
  href: string,
  exportName: unknown,
  options: { args?: unknown; transfer?: unknown; graceMs?: unknown },
): JobRequest {
  const name = checkExportName(where, exportName);
  checkOptionalDuration(where, "options.graceMs", options.graceMs);
  const args = checkArgs(where, options.args, options.transfer);
  return {
    where,
    module: href,
    exportName: name,
    args,
    transfer: (options.transfer ?? []) as readonly TransferListItem[],
    graceMs: (options.graceMs as number | undefined) ?? DEFAULT_GRACE_MS,
  };
}

/**
 * Runs the function `exportName` of the ES module `module` in a new worker
 * thread, as a task. A function cannot cross to another thread (its closure
 * stays behind), so work is named by module and export, and its arguments
 * and result cross by structured clone.
 *
 * - Inside the thread the export runs in a task whose throughline is the
 *   caller's (as data) with the task's name on top: `currentTask()`,
 *   `taskChain()`, `sleep`, `Queue`, `checkStop()`, `currentSignal()` and the
 *   log adapters work there as here.
 * - The task is a child of the current task like any other: a stop cascades
 *   to it, it shows in `taskTree()`, and `timeoutMs` and `detach` work.
 * - A stop reaches the thread at once through shared memory: its waits
 *   reject, its signal aborts, and `checkStop()` in a CPU loop throws
 *   `Stopped` without awaiting anything. A thread that has not exited
 *   `graceMs` after the stop is terminated; the task then fails with
 *   {@link ThreadTerminated} and a `GENTLETASK_THREAD_TERMINATED` warning is
 *   emitted. Its `stop()` resolves once the thread has exited.
 * - An error thrown there keeps its name, message, stack, `cause` and
 *   raise-site throughline. A thread that crashes fails the task with a
 *   {@link ThreadCrashError}.
 *
 * @typeParam T - the export's result.
 * @throws TypeError / RangeError before any thread starts, for a module that
 *   does not exist, a wrong option, or arguments that cannot be cloned
 *   (with a `transfer` list the trial clone is skipped, so such arguments
 *   fail the task instead).
 * @example
 * ```ts
 * import { spawnThread } from "@gentletask/threads";
 *
 * // primes.ts: export function countPrimes(below: number) { ... }
 * const count = await spawnThread<number>(new URL("./primes.js", import.meta.url), "countPrimes", {
 *   args: [10_000_000],
 * });
 * ```
 */
export function spawnThread<T>(
  module: URL | string,
  exportName: string,
  spawnOptions?: SpawnThreadOptions,
): Task<T> & PromiseLike<T> {
  const where = "spawnThread";
  const options = readOptions(where, spawnOptions, KNOWN);
  checkOptionalString(where, "options.name", options.name);
  if (options.detach !== undefined && typeof options.detach !== "boolean") {
    typeError(where, "options.detach", "a boolean", options.detach);
  }
  checkOptionalDuration(where, "options.timeoutMs", options.timeoutMs);
  const resourceLimits = options.resourceLimits;
  if (
    resourceLimits !== undefined &&
    (typeof resourceLimits !== "object" || resourceLimits === null)
  ) {
    typeError(where, "options.resourceLimits", "an object", resourceLimits);
  }
  const request = threadRequest(where, moduleHref(where, module), exportName, options);
  const task: AsyncTask<T, []> = spawn(() => runThread<T>(request, resourceLimits), {
    name: options.name ?? request.exportName,
    ...(options.detach === undefined ? {} : { detach: options.detach }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  return task;
}

async function runThread<T>(
  request: JobRequest,
  resourceLimits: ResourceLimits | undefined,
): Promise<T> {
  const host = new ThreadHost({ single: true, resourceLimits });
  try {
    return (await runOnHost(host, request, currentTask() as Task)) as T;
  } finally {
    // The thread must be gone before the task is: it may still run stray
    // timers or sockets of its own after its export returned.
    host.close();
    await host.exitWithin(request.graceMs);
  }
}

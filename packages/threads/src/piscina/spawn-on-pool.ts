import type { TransferListItem } from "node:worker_threads";
import { currentTask, Stopped, spawn, type Task } from "@gentletask/tasks";
import type { Piscina } from "piscina";
import {
  checkOptionalDuration,
  checkOptionalString,
  moduleHref,
  readOptions,
  typeError,
  uncloneable,
} from "../argument-checks.js";
import type { JobOutcome } from "../job-payload.js";
import { type JobRequest, jobPayload, relayStop, resultOf } from "../main-side-job.js";
import { buildModule } from "../sibling-module.js";
import { type SpawnThreadOptions, threadRequest } from "../spawn-thread.js";
import { resetStopFlag } from "../stop-flag.js";
import { ThreadCrashError, ThreadTerminated } from "../thread-errors.js";

/**
 * The module a pool must run for {@link spawnOnPool}: pass it as Piscina's
 * `filename` (or use {@link createPool}).
 *
 * @example
 * ```ts
 * import { Piscina } from "piscina";
 * import { poolWorkerFile } from "@gentletask/threads/piscina";
 *
 * const pool = new Piscina({ filename: poolWorkerFile, maxThreads: 4 });
 * ```
 */
export const poolWorkerFile: string = /* @__PURE__ */ buildModule(
  import.meta.url,
  "pool-worker",
).href;

/**
 * Options for {@link spawnOnPool}: those of `spawnThread` but
 * `resourceLimits`, which the pool sets for its threads. `graceMs` is how
 * long a stopped running job may take before Piscina aborts it,
 * terminating its thread and starting another.
 *
 * @example
 * ```ts
 * import { createPool, spawnOnPool } from "@gentletask/threads/piscina";
 *
 * const pool = createPool();
 * const bytes = new TextEncoder().encode("hello");
 * const job = spawnOnPool(pool, new URL("./hash.js", import.meta.url), "sha256", {
 *   args: [bytes],
 *   name: "hash",
 *   graceMs: 500,
 * });
 * ```
 */
export type PoolJobOptions = Omit<SpawnThreadOptions, "resourceLimits">;

const KNOWN = ["args", "name", "graceMs", "transfer", "detach", "timeoutMs"];

function isPool(value: unknown): value is Piscina {
  return (
    typeof value === "object" && value !== null && typeof (value as Piscina).run === "function"
  );
}

/**
 * Runs the function `exportName` of `module` as a job on a Piscina pool,
 * with the task semantics of `spawnThread`: a child task of the caller,
 * the caller's throughline inside the thread, a stop that reaches the
 * thread's CPU loop through shared memory, errors that keep their name,
 * fields, cause and raise site. The pool does the rest: its sizing, its
 * queue, and its `signal` cancellation, which removes a queued job that is
 * stopped at once. A running job that is stopped has `graceMs` to return;
 * then Piscina aborts it (terminating its thread and starting another) and
 * the task fails with `ThreadTerminated`.
 *
 * The pool must run {@link poolWorkerFile} (see {@link createPool}).
 *
 * @throws TypeError / RangeError for a wrong argument or uncloneable `args`.
 * @example
 * ```ts
 * import { createPool, spawnOnPool } from "@gentletask/threads/piscina";
 *
 * const pool = createPool({ maxThreads: 2 });
 * const bytes = new TextEncoder().encode("hello");
 * const hash = await spawnOnPool<string>(pool, new URL("./hash.js", import.meta.url), "sha256", {
 *   args: [bytes],
 * });
 * await pool.close();
 * ```
 */
export function spawnOnPool<T>(
  pool: Piscina,
  module: URL | string,
  exportName: string,
  poolOptions?: PoolJobOptions,
): Task<T> & PromiseLike<T> {
  const where = "spawnOnPool";
  if (!isPool(pool)) typeError(where, "pool", "a Piscina pool", pool);
  const options = readOptions(where, poolOptions, KNOWN);
  checkOptionalString(where, "options.name", options.name);
  if (options.detach !== undefined && typeof options.detach !== "boolean") {
    typeError(where, "options.detach", "a boolean", options.detach);
  }
  checkOptionalDuration(where, "options.timeoutMs", options.timeoutMs);
  const request = threadRequest(where, moduleHref(where, module), exportName, options);
  return spawn(() => runOnPool<T>(pool, request), {
    name: options.name ?? request.exportName,
    ...(options.detach === undefined ? {} : { detach: options.detach }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

/**
 * Flags of pool jobs that completed, for later jobs to reuse: a fresh
 * `SharedArrayBuffer` per job costs more than the rest of the job's
 * bookkeeping. Only a flag whose job the pool ran to the end comes back
 * (a stopped or aborted job's thread might still look at its flag).
 */
const spareFlags: SharedArrayBuffer[] = [];

async function runOnPool<T>(pool: Piscina, request: JobRequest): Promise<T> {
  const task = currentTask() as Task;
  const spare = spareFlags.pop();
  if (spare !== undefined) resetStopFlag(spare);
  const job = jobPayload(request, task, spare);
  const abort = new AbortController();
  let cancelled = false;
  const relay = relayStop(
    task,
    job,
    request.graceMs,
    () => {
      cancelled = true;
      abort.abort(task.stopReason);
    },
    () => abort.abort(task.stopReason),
  );
  try {
    let outcome: JobOutcome;
    try {
      outcome = (await pool.run(job, {
        signal: abort.signal,
        transferList: request.transfer as TransferListItem[],
      })) as JobOutcome;
    } catch (error) {
      if (cancelled) throw new Stopped(task.stopReason);
      if (relay.overstayed())
        throw new ThreadTerminated(task.name, request.graceMs, task.stopReason);
      if ((error as { name?: unknown })?.name === "DataCloneError")
        throw uncloneable(request.where, error);
      throw new ThreadCrashError(
        task.name,
        `its pool thread failed: ${String((error as Error)?.message ?? error)}`,
        undefined,
        error,
      );
    }
    if (!task.isStopped && spareFlags.length < 64) spareFlags.push(job.flag);
    return resultOf(outcome, task) as T;
  } finally {
    relay.release();
  }
}

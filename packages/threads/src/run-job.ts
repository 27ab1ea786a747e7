import type { TransferListItem } from "node:worker_threads";
import { throughline } from "@gentletask/semantic-stack";
import { describe } from "./argument-checks.js";
import type { JobOutcome, JobPayload } from "./job-payload.js";
import { RemoteStopFlag } from "./stop-flag.js";
import { ThreadSideTask } from "./thread-side-task.js";
import { takeTransfer } from "./transfer.js";
import { encodeValue } from "./wire-values.js";

/** A job's outcome and what its result transfers rather than copies. */
export interface RanJob {
  readonly job: JobPayload;
  readonly outcome: JobOutcome;
  readonly transfer: readonly TransferListItem[];
}

/**
 * Runs one job inside its thread: imports the module, finds the export,
 * and calls it in a {@link ThreadSideTask} under the caller's throughline.
 * Never throws: every failure becomes an outcome.
 */
export async function runJob(job: JobPayload): Promise<RanJob> {
  const flag = new RemoteStopFlag(job.flag);
  if (!flag.begin())
    return { job, outcome: { id: job.id, ok: false, cancelled: true }, transfer: [] };
  try {
    const fn = await findExport(job);
    const task = throughline.restore(
      job.frames,
      () => new ThreadSideTask(fn, job.name, job.args as unknown[], flag),
    );
    const { value, transfer } = takeTransfer(await task.wait());
    return { job, outcome: { id: job.id, ok: true, value }, transfer };
  } catch (error) {
    return { job, outcome: { id: job.id, ok: false, error: encodeValue(error) }, transfer: [] };
  } finally {
    flag.end();
  }
}

/** Modules this thread has imported: a long-lived thread imports each once, not once per job. */
const imported = new Map<string, Record<string, unknown>>();

async function findExport(job: JobPayload): Promise<(...args: unknown[]) => unknown> {
  let namespace = imported.get(job.module);
  try {
    if (namespace === undefined) {
      namespace = (await import(job.module)) as Record<string, unknown>;
      imported.set(job.module, namespace);
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new TypeError(`${job.where}: could not import \`module\` ${job.module}: ${detail}`, {
      cause: error,
    });
  }
  if (!Object.hasOwn(namespace, job.exportName)) {
    const names = Object.keys(namespace);
    throw new TypeError(
      `${job.where}: expected \`exportName\` to name an export of ${job.module}, got ${JSON.stringify(job.exportName)} (its exports: ${names.length === 0 ? "none" : names.join(", ")})`,
    );
  }
  const fn = namespace[job.exportName];
  if (typeof fn !== "function") {
    throw new TypeError(
      `${job.where}: expected export ${JSON.stringify(job.exportName)} of ${job.module} to be a function, got ${describe(fn)}`,
    );
  }
  return fn as (...args: unknown[]) => unknown;
}

import type { TransferListItem } from "node:worker_threads";
import { throughline } from "@gentletask/semantic-stack";
import { Stopped, type Task } from "@gentletask/tasks";
import { uncloneable } from "./argument-checks.js";
import type { JobOutcome, JobPayload } from "./job-payload.js";
import { createStopFlag, requestStop } from "./stop-flag.js";
import { ThreadTerminated } from "./thread-errors.js";
import type { ThreadHost } from "./thread-host.js";
import { decodeValue, plainFrames } from "./wire-values.js";

/** What a job needs besides its place to run. */
export interface JobRequest {
  readonly where: string;
  readonly module: string;
  readonly exportName: string;
  readonly args: readonly unknown[];
  readonly transfer: readonly TransferListItem[];
  readonly graceMs: number;
}

let nextJobId = 1;

/**
 * A job's payload, made inside the main-side task: the throughline frames
 * below the task's own (the thread pushes the name again), as data.
 */
export function jobPayload(
  request: JobRequest,
  task: Task,
  flag: SharedArrayBuffer = createStopFlag(),
): JobPayload {
  const frames = throughline.frames();
  frames.pop();
  return {
    id: nextJobId++,
    where: request.where,
    module: request.module,
    exportName: request.exportName,
    args: request.args,
    frames: plainFrames(frames),
    name: task.name,
    flag,
  };
}

/** How a stop of the main-side task reached the thread. */
export interface StopRelay {
  /** Whether the thread was still running `graceMs` after the stop (the caller then terminates it). */
  readonly overstayed: () => boolean;
  readonly release: () => void;
}

/**
 * Relays a stop of `task` to the job's thread, at once (its shared flag and
 * a wake-up of its waits), and calls `onOverstay` if the job is still
 * running `graceMs` later. `release()` when the job is over.
 */
export function relayStop(
  task: Task,
  job: JobPayload,
  graceMs: number,
  onCancelled: () => void,
  onOverstay: () => void,
): StopRelay {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let overstayed = false;
  const onStop = () => {
    const state = requestStop(job.flag, task.stopReason);
    if (state === "cancelled") onCancelled();
    if (state !== "stopping" || graceMs === Number.POSITIVE_INFINITY) return;
    timer = setTimeout(
      () => {
        overstayed = true;
        warnTerminated(task.name, graceMs);
        onOverstay();
        // Node would shorten a delay past the timer limit to 1 ms.
      },
      Math.min(graceMs, 2 ** 31 - 1),
    );
  };
  task.addStopCallback(onStop);
  return {
    overstayed: () => overstayed,
    release: () => {
      task.removeStopCallback(onStop);
      clearTimeout(timer);
    },
  };
}

export function warnTerminated(taskName: string, graceMs: number): void {
  process.emitWarning(
    `thread task "${taskName}" did not exit within graceMs (${graceMs} ms) of being stopped; its thread was terminated`,
    { code: "GENTLETASK_THREAD_TERMINATED" },
  );
}

/** The task's result from the thread's outcome, or the error to fail it with. */
export function resultOf(outcome: JobOutcome, task: Task): unknown {
  if (outcome.ok) return outcome.value;
  if ("cancelled" in outcome) throw new Stopped(task.stopReason);
  const error = decodeValue(outcome.error);
  // The thread stopped because this task was: it ends with this side's own
  // Stopped and reason, as any stopped task does.
  if (error instanceof Stopped && task.isStopped) throw new Stopped(task.stopReason);
  throw error;
}

/**
 * Runs `request` on `host` as the current task `task`'s work: posts the job
 * (arguments that cannot be cloned get `where`'s TypeError), relays a stop
 * of `task` to the thread, and returns the result, or throws what the task
 * fails with: the thread's error rebuilt here, a `ThreadCrashError`, or
 * `ThreadTerminated` once a stopped thread outlived `graceMs` (it is gone
 * by then).
 */
export async function runOnHost(
  host: ThreadHost,
  request: JobRequest,
  task: Task,
  flag?: SharedArrayBuffer,
): Promise<unknown> {
  const job = jobPayload(request, task, flag);
  let outcome: Promise<JobOutcome>;
  try {
    outcome = host.run(job, request.transfer, task.name);
  } catch (error) {
    throw uncloneable(request.where, error);
  }
  const relay = relayStop(
    task,
    job,
    request.graceMs,
    () => {},
    () => host.terminate(),
  );
  try {
    return resultOf(await outcome, task);
  } catch (error) {
    if (!relay.overstayed()) throw error;
    await host.exited;
    throw new ThreadTerminated(task.name, request.graceMs, task.stopReason);
  } finally {
    relay.release();
  }
}

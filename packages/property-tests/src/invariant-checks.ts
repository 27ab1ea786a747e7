import { AsyncTask, Stopped, type Task } from "@gentletask/tasks";
import type { ProgramRun } from "./program-run.js";
import type { TaskRecord } from "./records.js";

export function checkNotAfterRootStop(run: ProgramRun, record: TaskRecord, what: string): void {
  if (run.rootStopResolved && run.coveredByRoot(record)) {
    run.violate(
      "nothing-runs-after-root-stop",
      `#${record.id} ${what} after await root.stop() resolved`,
    );
  }
}

/** Checks that a `Stopped` from a stop-aware wait carries the stopped task's reason. */
export async function stopAware<T>(run: ProgramRun, self: Task, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    if (error instanceof Stopped && !Object.is(error.reason, self.stopReason)) {
      run.violate(
        "stop-reason-reaches-stopped-code",
        `a wait in ${self.name} rejected with reason ${String(error.reason)}, the task's is ${String(self.stopReason)}`,
      );
    }
    throw error;
  }
}

/** A first stop records its reason on the task and aborts its signal with a `Stopped` carrying it. */
export function checkStopRecorded(run: ProgramRun, task: Task, reason: string): void {
  if (!Object.is(task.stopReason, reason)) {
    run.violate(
      "stop-reason-recorded",
      `${task.name}.stopReason is ${String(task.stopReason)}, not ${reason}`,
    );
  }
  if (task instanceof AsyncTask) {
    const signal = task.signal;
    if (!signal.aborted || !(signal.reason instanceof Stopped) || signal.reason.reason !== reason) {
      run.violate("stop-reason-reaches-the-signal", `${task.name}.signal does not carry ${reason}`);
    }
  }
}

// The main script of every thread that `spawnThread` and `ThreadWorker`
// start: it runs the jobs the main side posts, one at a time, and reports
// each outcome. Loaded only as a worker's entry, never imported.
import { parentPort, workerData } from "node:worker_threads";
import type { JobPayload } from "./job-payload.js";
import { type RanJob, runJob } from "./run-job.js";
import { encodeValue } from "./wire-values.js";

/** What the main side posts to a thread. */
export type ToThread =
  | { readonly type: "job"; readonly job: JobPayload }
  | { readonly type: "close" };

const port = parentPort;
const single = (workerData as { single?: boolean } | undefined)?.single === true;

function report(ran: RanJob): void {
  if (port === null) return;
  try {
    port.postMessage({ type: "done", outcome: ran.outcome }, ran.transfer as never);
  } catch (error) {
    const { job } = ran;
    const detail = error instanceof Error ? error.message : String(error);
    const refusal = new TypeError(
      `${job.where}: the result of export ${JSON.stringify(job.exportName)} could not be cloned to send it back (return plain data, or use withTransfer): ${detail}`,
    );
    port.postMessage({
      type: "done",
      outcome: { id: job.id, ok: false, error: encodeValue(refusal) },
    });
  }
}

if (port !== null) {
  port.on("message", (message: ToThread) => {
    if (message.type === "close") {
      port.close();
      return;
    }
    // The port's listener holds the thread alive while the job runs (a job
    // parked in `sleep(Infinity)` holds no handle of its own); a single-job
    // thread lets go of it once it has reported.
    void runJob(message.job).then((ran) => {
      report(ran);
      if (single) port.close();
    });
  });
}

// The module every Piscina pool thread loads (`filename` of the pool): it
// runs a job the way `spawnThread`'s threads do, and returns its outcome for
// the main side to decode, so errors keep their name, fields, cause and
// raise-site throughline.
import { move } from "piscina";
import type { JobOutcome, JobPayload } from "../job-payload.js";
import { runJob } from "../run-job.js";

// Piscina's transferable protocol: an object naming its value and what it moves.
const TRANSFERABLE = Symbol.for("Piscina.transferable");
const VALUE = Symbol.for("Piscina.valueOf");

/**
 * Runs one job in this pool thread. @internal Piscina calls it.
 */
export default async function runPoolJob(job: JobPayload): Promise<JobOutcome> {
  const ran = await runJob(job);
  if (ran.transfer.length === 0) return ran.outcome;
  return move({ [TRANSFERABLE]: ran.transfer, [VALUE]: ran.outcome } as never) as never;
}

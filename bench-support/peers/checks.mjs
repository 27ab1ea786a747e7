// The correctness checks every contender passes before anything is timed:
// each row's implementation at a small size, in its strict form (async jobs
// that would expose overlap or disorder, waits that must really wait). Used
// by measure.mjs and by the test that CI runs.
import { CASES, SCALE } from "./cases.mjs";

/** Runs every contender of every row at its check size; returns the failures. */
export async function checkAll() {
  const failures = [];
  for (const row of CASES) {
    for (const [name, contender] of Object.entries(row.contenders)) {
      if (contender === undefined) continue;
      try {
        await contender(row.n.check, true);
      } catch (error) {
        failures.push(`${row.id} / ${name}: ${error?.stack ?? error}`);
      }
    }
  }
  for (const [name, contender] of Object.entries(SCALE.contenders)) {
    try {
      await contender(SCALE.check);
    } catch (error) {
      failures.push(`scale / ${name}: ${error?.stack ?? error}`);
    }
  }
  return failures;
}

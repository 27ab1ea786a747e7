// The one bench harness every package's `pnpm bench` uses: baseline and
// subject alternate over several rounds (swapping which goes first each
// round) so machine noise hits both alike, and results are medians and the
// median of per-round ratios. Not published; bench scripts import it by
// relative path, as tests do test-support.
import { median, verdict } from "./stats.mjs";

export { median, verdict };

/**
 * Runs `baseline()` and `subject()` (each returns one measurement, or a
 * promise of one) once to warm up, then `rounds` times alternating; returns
 * `{ baseline, subject, ratio }` as medians.
 */
export async function alternate(rounds, baseline, subject) {
  await baseline();
  await subject();
  const base = [];
  const subj = [];
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    let b;
    let s;
    if (round % 2 === 0) {
      b = await baseline();
      s = await subject();
    } else {
      s = await subject();
      b = await baseline();
    }
    base.push(b);
    subj.push(s);
    ratios.push(s / b);
  }
  return { baseline: median(base), subject: median(subj), ratio: median(ratios) };
}

/** Nanoseconds per call of `fn` over `iterations` calls (awaiting a returned promise). */
export async function timePerOp(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const result = fn();
    if (result !== undefined && typeof result.then === "function") await result;
  }
  return Number(process.hrtime.bigint() - start) / iterations;
}

/**
 * Compares `subject` against `baseline`, both called `iterations` times a
 * round; returns a row for {@link printTable} in ns per op.
 */
export async function compare(label, { baseline, subject, iterations = 200_000, rounds = 9 }) {
  await timePerOp(baseline, Math.min(iterations, 20_000));
  await timePerOp(subject, Math.min(iterations, 20_000));
  const result = await alternate(
    rounds,
    () => timePerOp(baseline, iterations),
    () => timePerOp(subject, iterations),
  );
  return { label, ...result, unit: "ns" };
}

/**
 * Prints rows `{ label, baseline, subject, ratio, unit, budget? }` as a
 * table, each ratio with its verdict against its budget.
 */
export function printTable(title, rows) {
  console.log(`\n${title} (Node ${process.versions.node})`);
  const width = Math.max(46, ...rows.map((r) => r.label.length));
  console.log(
    `${"case".padEnd(width)} ${"baseline".padStart(14)} ${"subject".padStart(14)} ${"ratio".padStart(7)}  budget`,
  );
  for (const r of rows) {
    const digits = r.unit === "B" || r.unit === "ns" ? 0 : 3;
    const fmt = (v) => `${v.toFixed(digits)} ${r.unit}`;
    console.log(
      `${r.label.padEnd(width)} ${fmt(r.baseline).padStart(14)} ${fmt(r.subject).padStart(14)} ${r.ratio.toFixed(2).padStart(7)}  ${verdict(r.ratio, r.budget)}`,
    );
  }
}

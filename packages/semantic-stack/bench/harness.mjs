// A small in-process benchmark harness: baseline and subject alternate over
// several rounds so machine noise hits both alike, and we report medians and
// the median ratio.

import { median, verdict } from "../../../bench-support/stats.mjs";

const now = () => process.hrtime.bigint();

async function timePerOp(fn, iterations) {
  const start = now();
  for (let i = 0; i < iterations; i++) {
    const result = fn();
    if (result !== undefined && typeof result.then === "function") await result;
  }
  return Number(now() - start) / iterations;
}

/**
 * Compares `subject` against `baseline`, both called `iterations` times a
 * round, and returns the medians (ns/op) and the median of per-round ratios.
 */
export async function compare(label, { baseline, subject, iterations = 200_000, rounds = 9 }) {
  await timePerOp(baseline, Math.min(iterations, 20_000));
  await timePerOp(subject, Math.min(iterations, 20_000));
  const base = [];
  const subj = [];
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    const b = await timePerOp(baseline, iterations);
    const s = await timePerOp(subject, iterations);
    base.push(b);
    subj.push(s);
    ratios.push(s / b);
  }
  return { label, baselineNs: median(base), subjectNs: median(subj), ratio: median(ratios) };
}

/** Prints results as a table with budgets marked. */
export function report(title, results) {
  console.log(`\n${title} (Node ${process.versions.node})`);
  console.log(
    `${"case".padEnd(48)} ${"baseline ns".padStart(12)} ${"subject ns".padStart(12)} ${"ratio".padStart(7)}  budget`,
  );
  for (const r of results) {
    const result = verdict(r.ratio, r.budget);
    console.log(
      `${r.label.padEnd(48)} ${r.baselineNs.toFixed(1).padStart(12)} ${r.subjectNs.toFixed(1).padStart(12)} ${r.ratio.toFixed(2).padStart(7)}  ${result}`,
    );
  }
}

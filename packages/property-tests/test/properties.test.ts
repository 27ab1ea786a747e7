import { expect, test } from "vitest";
import { spec4Revised } from "../src/spec-switch.js";
import { explain, runBatch } from "./batches.js";

// Each batch is its own process running fast-check over random programs
// (see src/program.ts for what a program can do and src/run-program.ts for
// the invariants). Fixed seeds make CI repeatable; a few fresh seeds each
// run widen the search over time. A fresh seed is in its test's name and in
// the failure report, with the command that replays its batch.
// PROPERTY_RANDOM_SEEDS=N runs N fresh seeds instead of the default 3 (0 for
// none); PROPERTY_RANDOM_RUNS=M gives each M programs instead of 100.
const FIXED_SEEDS = [0x5eed, 20261201, 7, 424242];
const PROGRAMS_PER_FIXED_SEED = 250;
const DEFAULT_RANDOM_SEEDS = 3;
const RANDOM_SEEDS = Array.from(
  { length: count("PROPERTY_RANDOM_SEEDS", DEFAULT_RANDOM_SEEDS) },
  randomSeed,
);
const PROGRAMS_PER_RANDOM_SEED = count("PROPERTY_RANDOM_RUNS", 100);
const revised = spec4Revised() ? "1" : "0";

/** A count from the environment, or `fallback` when unset or not a whole number. */
function count(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}

const batches = [
  ...FIXED_SEEDS.map((seed) => ({ seed, runs: PROGRAMS_PER_FIXED_SEED, kind: "fixed" })),
  ...RANDOM_SEEDS.map((seed) => ({ seed, runs: PROGRAMS_PER_RANDOM_SEED, kind: "random" })),
];

test.each(batches)(
  `$runs random programs, $kind seed $seed (SPEC 4 revised: ${revised === "1"})`,
  async ({ seed, runs }) => {
    const args = [String(seed), String(runs), revised];
    const report = await runBatch(args);
    if (!report.ok) expect.fail(explain(args, report));
    expect(report.runs).toBe(runs);
  },
);

test("the suite runs at least 1,000 programs", () => {
  expect(batches.reduce((sum, batch) => sum + batch.runs, 0)).toBeGreaterThanOrEqual(1_000);
});

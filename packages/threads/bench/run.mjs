// Benchmarks for @gentletask/threads against Piscina alone and bare
// `new Worker`, in one process, alternating subject and baseline each round.
// Imports the BUILT packages (threads always run built code): run
// `pnpm --filter @gentletask/threads... build` first. Prints medians and
// ratios; asserts nothing. Run it with `nice` (the `bench` script does).
import { Worker } from "node:worker_threads";
import { spawnThread, ThreadWorker } from "@gentletask/threads";
import { createPool, spawnOnPool } from "@gentletask/threads/piscina";
import { Piscina } from "piscina";
import { median, verdict } from "../../../bench-support/stats.mjs";

const work = new URL("./work.mjs", import.meta.url);
const ROUNDS = Number(process.env.ROUNDS ?? 11);
const JOBS = Number(process.env.JOBS ?? 2000);

/** Runs `subject` and `baseline` alternately; each returns a cost per op; medians of the rounds after the first two. */
async function alternate(subject, baseline, rounds = ROUNDS) {
  const s = [];
  const b = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2) {
      b.push(await baseline());
      s.push(await subject());
    } else {
      s.push(await subject());
      b.push(await baseline());
    }
  }
  return { subject: median(s.slice(2)), baseline: median(b.slice(2)) };
}

function perJob(run) {
  return async () => {
    const started = performance.now();
    for (let i = 0; i < JOBS; i++) await run(i);
    return ((performance.now() - started) * 1000) / JOBS;
  };
}

const rows = [];
function row(name, { subject, baseline }, unit, budget) {
  const ratio = subject / baseline;
  rows.push({
    benchmark: name,
    gentletask: `${subject.toFixed(1)} ${unit}`,
    baseline: `${baseline.toFixed(1)} ${unit}`,
    ratio: `${ratio.toFixed(2)}x`,
    budget: budget === undefined ? "" : `${budget}x`,
    verdict: verdict(ratio, budget),
  });
}

// --- per job: a warm ThreadWorker, and spawnOnPool, vs Piscina alone -----------

const piscina = new Piscina({
  filename: new URL("./piscina-add.mjs", import.meta.url).href,
  minThreads: 1,
  maxThreads: 1,
});
const pool = createPool({ minThreads: 1, maxThreads: 1 });
const worker = new ThreadWorker(work, { name: "bench" });
await worker.submit("add", { args: [0, 0] });
await spawnOnPool(pool, work, "add", { args: [0, 0] });
await piscina.run([0, 0]);

const piscinaJob = perJob((i) => piscina.run([i, 1]));
row(
  "job on a warm ThreadWorker vs Piscina alone",
  await alternate(
    perJob((i) => worker.submit("add", { args: [i, 1] })),
    piscinaJob,
  ),
  "us",
  1.3,
);
row(
  "job through spawnOnPool vs Piscina alone",
  await alternate(
    perJob((i) => spawnOnPool(pool, work, "add", { args: [i, 1] })),
    piscinaJob,
  ),
  "us",
  1.3,
);
await worker.stop();
await pool.destroy();
await piscina.destroy();

// --- start to first line: spawnThread vs a bare new Worker ---------------------
const ONLY_JOBS = process.env.ONLY === "jobs";

function firstLineMs(start) {
  return async () => {
    const mark = new Float64Array(new SharedArrayBuffer(8));
    const t0 = performance.timeOrigin + performance.now();
    await start(mark);
    return mark[0] - t0;
  };
}

function bareWorker(script) {
  return (mark) =>
    new Promise((resolve, reject) => {
      const w = new Worker(new URL(script, import.meta.url), { workerData: mark });
      w.once("error", reject);
      w.once("exit", resolve);
    });
}

if (!ONLY_JOBS) {
  const threadStart = firstLineMs((mark) => spawnThread(work, "firstLine", { args: [mark] }));
  row(
    "spawnThread start to first line vs bare Worker loading the same module",
    await alternate(threadStart, firstLineMs(bareWorker("./bare-first-line.mjs"))),
    "ms",
    1.2,
  );
  row(
    "spawnThread start to first line vs bare Worker loading nothing",
    await alternate(threadStart, firstLineMs(bareWorker("./empty-first-line.mjs"))),
    "ms",
  );

  // --- a CPU-bound job split across 2 threads vs 1 thread ------------------------

  const HI = Number(process.env.PRIMES_BELOW ?? 3_000_000);
  const oneThread = async () => {
    const started = performance.now();
    await spawnThread(work, "countPrimesBetween", { args: [2, HI] });
    return performance.now() - started;
  };
  const twoThreads = async () => {
    const started = performance.now();
    const half = Math.floor(HI / 2);
    await Promise.all([
      spawnThread(work, "countPrimesBetween", { args: [2, half] }),
      spawnThread(work, "countPrimesBetween", { args: [half, HI] }),
    ]);
    return performance.now() - started;
  };
  const split = await alternate(twoThreads, oneThread, 7);
  row(
    `primes below ${HI}: 2 threads vs 1 thread (speed-up ${(split.baseline / split.subject).toFixed(2)}x)`,
    split,
    "ms",
  );
}

console.log(
  `@gentletask/threads benchmarks on Node ${process.version} (medians of ${ROUNDS} alternating rounds; ${JOBS} jobs a round)`,
);
console.table(rows);

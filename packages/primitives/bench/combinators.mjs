// Benchmarks for the combinators and limits against their npm peers, in one
// process, alternating subject and peer over several rounds. Imports the
// BUILT packages: run `pnpm --filter @gentletask/primitives... build` first.
// Prints medians and ratios, plus a context check; asserts nothing.
import { AsyncLocalStorage } from "node:async_hooks";
import { all, limit, mapConcurrent } from "@gentletask/primitives";
import pLimit from "p-limit";
import pMap from "p-map";
import PQueue from "p-queue";
import { median, verdict } from "../../../bench-support/stats.mjs";

const ROUNDS = 11;
const storage = new AsyncLocalStorage();

/** Times each op once per round, alternating which goes first; returns ns per item, medians. */
async function compare(subject, peer, items) {
  const times = { subject: [], peer: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? ["peer", "subject"] : ["subject", "peer"];
    for (const which of order) {
      const op = which === "subject" ? subject : peer;
      const started = process.hrtime.bigint();
      await op();
      times[which].push(Number(process.hrtime.bigint() - started) / items);
    }
  }
  // The first round of each warms up the JIT; leave it out.
  return { subject: median(times.subject.slice(1)), peer: median(times.peer.slice(1)) };
}

const trivial = async (i) => i;

// --- limit(4) vs p-limit(4): 100,000 trivial jobs, submitted at once -------

const JOBS = 100_000;

async function ourLimit() {
  const limiter = limit(4);
  const calls = new Array(JOBS);
  for (let i = 0; i < JOBS; i++) calls[i] = limiter(trivial, i);
  await Promise.all(calls);
}

async function theirLimit() {
  const limiter = pLimit(4);
  const calls = new Array(JOBS);
  for (let i = 0; i < JOBS; i++) calls[i] = limiter(trivial, i);
  await Promise.all(calls);
}

// --- mapConcurrent vs p-map: 20,000 items, 8 at a time ----------------------

const ITEMS = Array.from({ length: 20_000 }, (_, i) => i);
const ourMap = () => mapConcurrent(ITEMS, 8, trivial);
const theirMap = () => pMap(ITEMS, trivial, { concurrency: 8 });

// --- all of 1,000 children vs Promise.all of 1,000 async calls, each in its own ALS run

const CHILDREN = 1_000;
const REPEATS = 20;
const works = Array.from({ length: CHILDREN }, (_, i) => () => trivial(i));

async function ourAll() {
  for (let r = 0; r < REPEATS; r++) await all(works);
}

async function promiseAllInRuns() {
  for (let r = 0; r < REPEATS; r++) {
    await Promise.all(works.map((work, i) => storage.run(i, work)));
  }
}

// --- context: does a queued job see its caller's AsyncLocalStorage? --------

async function contextKept(makeRunner) {
  const run = makeRunner();
  const callers = Array.from({ length: 1_000 }, (_, i) =>
    storage.run(i, () => run(async () => storage.getStore() === i)),
  );
  const seen = await Promise.all(callers);
  return seen.filter(Boolean).length;
}

const contexts = {
  "gentletask limit(4)": await contextKept(() => limit(4)),
  "p-limit(4)": await contextKept(() => pLimit(4)),
  "p-queue({ concurrency: 4 })": await contextKept(() => {
    const queue = new PQueue({ concurrency: 4 });
    return (job) => queue.add(job);
  }),
};

const rows = [];
function row(name, { subject, peer }, peerName, budget) {
  const ratio = subject / peer;
  rows.push({
    benchmark: name,
    gentletask: `${subject.toFixed(0)} ns/item`,
    peer: `${peer.toFixed(0)} ns/item (${peerName})`,
    ratio: `${ratio.toFixed(2)}x`,
    budget: verdict(ratio, budget),
  });
}

row("limit(4), 100,000 trivial jobs", await compare(ourLimit, theirLimit, JOBS), "p-limit 7", 1.5);
row(
  "mapConcurrent, 20,000 items, 8 at a time",
  await compare(ourMap, theirMap, ITEMS.length),
  "p-map 7",
  undefined,
);
row(
  "all of 1,000 trivial children",
  await compare(ourAll, promiseAllInRuns, CHILDREN * REPEATS),
  "Promise.all, each in its own ALS run",
  3,
);

console.log(
  `@gentletask/primitives combinators on Node ${process.version} (medians of ${ROUNDS - 1} rounds after a warm-up)`,
);
console.table(rows);
console.log("Queued jobs that saw their caller's AsyncLocalStorage value, of 1,000:");
console.table(Object.entries(contexts).map(([runner, kept]) => ({ runner, kept })));

// Benchmarks for @gentletask/primitives against hand-written baselines, in
// one process, alternating subject and baseline over several rounds. Imports
// the BUILT packages: run `pnpm --filter @gentletask/primitives... build` first.
// Prints medians and ratios; asserts nothing.
import { Queue, sleep } from "@gentletask/primitives";
import { spawn } from "@gentletask/tasks";
import { alternate, printTable } from "../../../bench-support/harness.mjs";

const ROUNDS = 21;

/** Runs `body` inside a fresh task and returns its result. */
function inTask(name, body) {
  return spawn(body, { name }).wait();
}

/** ns per op of `op(iterations)`. */
async function timed(op, iterations) {
  const started = process.hrtime.bigint();
  await op(iterations);
  return Number(process.hrtime.bigint() - started) / iterations;
}

/** Alternates `subject` and `baseline` over the rounds (the warm-up round is left out). */
function throughput(subject, baseline, iterations) {
  return alternate(
    ROUNDS,
    () => timed(baseline, iterations),
    () => timed(subject, iterations),
  );
}

// --- sleep(0) vs setImmediate + one abort-listener add/remove -------------

const controller = new AbortController();
const { signal } = controller;

function immediateWithAbortListener() {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearImmediate(handle);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort);
    const handle = setImmediate(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
  });
}

async function sleepZero(iterations) {
  for (let i = 0; i < iterations; i++) await sleep(0);
}

async function bareImmediate(iterations) {
  for (let i = 0; i < iterations; i++) await immediateWithAbortListener();
}

// --- Queue put+get round trip vs a minimal array-plus-resolver queue -------

class MinimalQueue {
  items = [];
  waiters = [];
  put(item) {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
    return Promise.resolve();
  }
  get() {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

function roundTrips(makeQueue) {
  return async (iterations) => {
    const queue = makeQueue();
    for (let i = 0; i < iterations; i++) {
      await queue.put(i);
      await queue.get();
    }
  };
}

function waitingRoundTrips(makeQueue) {
  return async (iterations) => {
    const queue = makeQueue();
    for (let i = 0; i < iterations; i++) {
      const got = queue.get();
      await queue.put(i);
      await got;
    }
  };
}

// --- stop-to-wake latency of a task in sleep(60_000) -----------------------

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function taskWakeLatency() {
  let woke = 0;
  const task = spawn(
    async () => {
      try {
        await sleep(60_000);
      } catch {
        woke = performance.now();
      }
    },
    { name: "sleeper" },
  );
  await nextTurn();
  const stopped = performance.now();
  const done = task.stop("wake");
  await done;
  return (woke - stopped) * 1000;
}

async function bareWakeLatency() {
  const own = new AbortController();
  let woke = 0;
  const sleeping = new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, 60_000);
    own.signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(own.signal.reason);
      },
      { once: true },
    );
  }).catch(() => {
    woke = performance.now();
  });
  await nextTurn();
  const stopped = performance.now();
  own.abort("wake");
  await sleeping;
  return (woke - stopped) * 1000;
}

/** Median stop-to-wake latency of each, alternating, in µs. */
function latency(samples) {
  return alternate(samples, bareWakeLatency, taskWakeLatency);
}

// --- report ---------------------------------------------------------------

function row(label, result, unit, budget) {
  return { label, ...result, unit: unit === "us" ? "us" : "ns", budget };
}

const rows = [];
rows.push(
  row(
    "sleep(0) in a task vs setImmediate + abort listener",
    await inTask("bench-sleep", () => throughput(sleepZero, bareImmediate, 20_000)),
    "ns/op",
    2,
  ),
);
rows.push(
  row(
    "Queue put+get round trip (item ready) vs minimal queue",
    await inTask("bench-queue", () =>
      throughput(
        roundTrips(() => new Queue()),
        roundTrips(() => new MinimalQueue()),
        100_000,
      ),
    ),
    "ns/op",
    2,
  ),
);
rows.push(
  row(
    "Queue get-waits-then-put round trip vs minimal queue",
    await inTask("bench-queue-waiting", () =>
      throughput(
        waitingRoundTrips(() => new Queue()),
        waitingRoundTrips(() => new MinimalQueue()),
        100_000,
      ),
    ),
    "ns/op",
    2,
  ),
);
rows.push(
  row(
    "stop-to-wake latency, sleep(60_000) vs setTimeout + abort listener",
    await latency(400),
    "us",
    5,
  ),
);

printTable(
  `@gentletask/primitives benchmarks (medians of ${ROUNDS} rounds; latency: 400 samples)`,
  rows,
);

// Benchmarks for @gentletask/tasks against hand-rolled floors (and Effection
// 4.1 for spawn + await), in one process. Baseline and subject alternate over
// several rounds so machine noise hits both alike; medians and the median of
// per-round ratios are printed. Run with `pnpm bench` (needs `--expose-gc`,
// which the script passes, and a build: `pnpm build`).
import { AsyncLocalStorage } from "node:async_hooks";
import { ManualTask, SerialWorker, spawn } from "@gentletask/tasks";
import * as effection from "effection";
import { alternate, printTable } from "../../../bench-support/harness.mjs";

const gc = globalThis.gc;
if (typeof gc !== "function") {
  console.error("run with --expose-gc (pnpm bench does)");
  process.exit(1);
}

const now = () => Number(process.hrtime.bigint()) / 1e6; // ms
const settle = () => new Promise((resolve) => setImmediate(resolve));
const rows = [];
function row(label, baseline, subject, unit, budget) {
  rows.push({ label, baseline, subject, unit, ratio: subject / baseline, budget });
}

// Make sure async context tracking is on for every contender, as it is in
// any program that uses gentletask (on Node 20 it slows every promise).
new AsyncLocalStorage().run(1, () => {});
await spawn(() => {});

// ---- the hand-rolled floor: a token linked into its parent's Set ----------
// The least a task can be: a token with a stop flag and one stop callback,
// in its parent's Set of children (created when the first child comes).
class FloorTask {
  children = undefined;
  stopped = false;
  onStop = undefined;
  constructor(parent) {
    this.parent = parent;
    if (parent === undefined) return;
    if (parent.children === undefined) parent.children = new Set();
    parent.children.add(this);
  }
  stop() {
    const work = [this];
    while (work.length > 0) {
      const task = work.pop();
      if (task.stopped) continue;
      task.stopped = true;
      task.onStop?.();
      if (task.children !== undefined) for (const child of task.children) work.push(child);
    }
  }
}
async function floorRun(parent, body) {
  const token = new FloorTask(parent);
  try {
    return await body(token);
  } finally {
    parent?.children.delete(token);
  }
}
// One shared error: the floor pays nothing to describe a stop.
const FLOOR_STOPPED = new Error("stopped");
/** A wait that rejects when `token` is stopped. */
function floorWait(token) {
  return new Promise((_resolve, reject) => {
    token.onStop = () => reject(FLOOR_STOPPED);
  });
}

// ---- 1. spawn + await of a trivial body -----------------------------------
const SPAWNS = 20_000;
async function trivial() {}
{
  const result = await alternate(
    9,
    async () => {
      const start = now();
      for (let i = 0; i < SPAWNS; i++) await floorRun(undefined, trivial);
      return ((now() - start) * 1e3) / SPAWNS;
    },
    async () => {
      const start = now();
      for (let i = 0; i < SPAWNS; i++) await spawn(trivial);
      return ((now() - start) * 1e3) / SPAWNS;
    },
  );
  row("spawn + await, at the root", result.baseline, result.subject, "us", 5);
}
{
  const result = await alternate(
    9,
    async () => {
      const start = now();
      await floorRun(undefined, async (parent) => {
        for (let i = 0; i < SPAWNS; i++) await floorRun(parent, trivial);
      });
      return ((now() - start) * 1e3) / SPAWNS;
    },
    async () => {
      const start = now();
      await spawn(async () => {
        for (let i = 0; i < SPAWNS; i++) await spawn(trivial);
      });
      return ((now() - start) * 1e3) / SPAWNS;
    },
  );
  row("spawn + await, as children of a task", result.baseline, result.subject, "us", 5);
}
{
  // The same floor, plus the one AsyncLocalStorage.run per task that carrying
  // a task's name on the throughline needs (~17 ns on Node 20, ~240 ns on 24).
  const als = new AsyncLocalStorage();
  const result = await alternate(
    9,
    async () => {
      const start = now();
      for (let i = 0; i < SPAWNS; i++) await als.run(i, () => floorRun(undefined, trivial));
      return ((now() - start) * 1e3) / SPAWNS;
    },
    async () => {
      const start = now();
      for (let i = 0; i < SPAWNS; i++) await spawn(trivial);
      return ((now() - start) * 1e3) / SPAWNS;
    },
  );
  row("spawn + await vs floor + one ALS.run per task", result.baseline, result.subject, "us");
}
{
  const EFFECTION_SPAWNS = 5_000;
  const result = await alternate(
    5,
    async () => {
      const start = now();
      await effection.run(function* () {
        for (let i = 0; i < EFFECTION_SPAWNS; i++) {
          const task = yield* effection.spawn(function* () {});
          yield* task;
        }
      });
      return ((now() - start) * 1e3) / EFFECTION_SPAWNS;
    },
    async () => {
      const start = now();
      await spawn(async () => {
        for (let i = 0; i < EFFECTION_SPAWNS; i++) await spawn(trivial);
      });
      return ((now() - start) * 1e3) / EFFECTION_SPAWNS;
    },
  );
  row("spawn + await vs Effection 4.1 spawn + join", result.baseline, result.subject, "us");
}

// ---- 2. memory per waiting task ---------------------------------------------
const WAITERS = 100_000;
function heapUsed() {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
{
  const perTask = await alternate(
    3,
    async () => {
      const before = heapUsed();
      const root = new FloorTask(undefined);
      const all = [];
      for (let i = 0; i < WAITERS; i++) {
        all.push(floorRun(root, (token) => floorWait(token)).catch(() => {}));
      }
      await settle();
      const bytes = (heapUsed() - before) / WAITERS;
      root.stop();
      await Promise.all(all);
      return bytes;
    },
    async () => {
      const before = heapUsed();
      const tasks = [];
      for (let i = 0; i < WAITERS; i++) tasks.push(spawn(async () => await new ManualTask()));
      await settle();
      const bytes = (heapUsed() - before) / WAITERS;
      for (const task of tasks) task.stop();
      await Promise.all(tasks.map((task) => task.stop()));
      return bytes;
    },
  );
  row("memory per waiting task (100,000 tasks)", perTask.baseline, perTask.subject, "B", 2);
}

// ---- 3. stopping wide and deep trees ---------------------------------------
async function floorStopWide(count) {
  const root = new FloorTask(undefined);
  const all = [];
  for (let i = 0; i < count; i++) {
    all.push(floorRun(root, (token) => floorWait(token)).catch(() => {}));
  }
  await settle();
  const start = now();
  root.stop();
  await Promise.all(all);
  return now() - start;
}
async function stopWide(count) {
  let ready;
  const spawned = new Promise((resolve) => {
    ready = resolve;
  });
  const root = spawn(async () => {
    for (let i = 0; i < count; i++) spawn(async () => await new ManualTask());
    ready();
    await new ManualTask();
  });
  await spawned;
  await settle();
  const start = now();
  await root.stop();
  return now() - start;
}
for (const count of [100_000, 10_000]) {
  const result = await alternate(
    5,
    () => floorStopWide(count),
    () => stopWide(count),
  );
  row(
    `stop a root with ${count.toLocaleString("en")} waiting children`,
    result.baseline,
    result.subject,
    "ms",
    count === 100_000 ? 5 : undefined,
  );
}
async function floorStopDeep(depth) {
  const root = new FloorTask(undefined);
  const nest = (parent, left) =>
    floorRun(parent, (token) => (left === 0 ? floorWait(token) : nest(token, left - 1)));
  const done = nest(root, depth - 1).catch(() => {});
  await settle();
  const start = now();
  root.stop();
  await done;
  return now() - start;
}
async function stopDeep(depth) {
  const nest = (left) =>
    spawn(async () => {
      if (left === 0) await new ManualTask();
      else await nest(left - 1);
    });
  const root = nest(depth - 1);
  await settle();
  const start = now();
  await root.stop();
  return now() - start;
}
{
  const result = await alternate(
    9,
    () => floorStopDeep(1_000),
    () => stopDeep(1_000),
  );
  row("stop a chain 1,000 deep", result.baseline, result.subject, "ms");
}

// ---- 4. SerialWorker throughput ---------------------------------------------
const JOBS = 100_000;
function job() {}
{
  const result = await alternate(
    7,
    async () => {
      const start = now();
      let tail = Promise.resolve();
      let last;
      for (let i = 0; i < JOBS; i++) {
        last = tail.then(job);
        tail = last.catch(() => {});
      }
      await last;
      return ((now() - start) * 1e3) / JOBS;
    },
    async () => {
      const start = now();
      const worker = new SerialWorker("bench");
      let last;
      for (let i = 0; i < JOBS; i++) last = worker.submit(job);
      await last;
      await worker.stop();
      return ((now() - start) * 1e3) / JOBS;
    },
  );
  row("SerialWorker, 100,000 trivial jobs (per job)", result.baseline, result.subject, "us", 2);
}

printTable("@gentletask/tasks benchmarks", rows);

// The rows of the peer table: what each measures, at what size, with which
// contenders (`{n}` in a title is the size run). `n.check` is the size a correctness check runs at; `slow` asks a
// contender for the stricter check form (async jobs that would expose overlap).
import { scaleContenders } from "./scale.mjs";
import {
  contextContenders,
  limitContenders,
  serialContenders,
  spawnContenders,
} from "./throughput.mjs";
import { chainContenders, wideContenders } from "./waiting.mjs";

export const CASES = [
  {
    id: "spawn",
    title: "spawn + await, one child after another",
    metrics: { us: "µs a task" },
    n: { full: 20_000, quick: 500, check: 200 },
    // Effection is ~20x slower a task: fewer tasks keep its rounds as long as the others'.
    scale: { effection: 0.25 },
    rounds: { full: 7, quick: 1 },
    contenders: spawnContenders,
  },
  {
    id: "wide",
    title: "{n} waiting tasks (body in an endless stop-aware wait)",
    metrics: { bytes: "B a waiting task", ms: "ms to stop all, until every finally ran" },
    n: { full: 100_000, quick: 2_000, check: 500 },
    rounds: { full: 3, quick: 1 },
    contenders: wideContenders,
  },
  {
    id: "fanout",
    title: "stop a fan-out of {n} waiting children",
    metrics: { ms: "ms to stop" },
    n: { full: 10_000, quick: 1_000, check: 100 },
    rounds: { full: 5, quick: 1 },
    contenders: Object.fromEntries(
      Object.entries(wideContenders).map(([name, fn]) => [
        name,
        async (n) => ({ ms: (await fn(n)).ms }),
      ]),
    ),
  },
  {
    id: "chain",
    title: "stop a chain {n} deep",
    metrics: { ms: "ms to stop" },
    n: { full: 1_000, quick: 100, check: 100 },
    rounds: { full: 9, quick: 1 },
    contenders: chainContenders,
    // Effect 4.1 overflows its stack interrupting a deep forked chain: probed in a child first.
    probe: "effect",
  },
  {
    id: "serial",
    title: "serial worker, {n} trivial jobs",
    metrics: { us: "µs a job" },
    n: { full: 100_000, quick: 1_000, check: 200 },
    rounds: { full: 7, quick: 1 },
    contenders: serialContenders,
  },
  {
    id: "context",
    title: "context set + nested read after one suspension",
    metrics: { us: "µs a set + read" },
    n: { full: 50_000, quick: 500, check: 100 },
    rounds: { full: 7, quick: 1 },
    contenders: contextContenders,
  },
  {
    id: "limit",
    title: "limit(4) over {n} async jobs",
    metrics: { us: "µs a job" },
    n: { full: 100_000, quick: 1_000, check: 100 },
    rounds: { full: 5, quick: 1 },
    contenders: limitContenders,
  },
];

/** The scale curve's sizes; 1M runs only when the 100k run took under `millionBudgetMs`. */
export const SCALE = {
  sizes: { full: [1_000, 10_000, 100_000, 1_000_000], quick: [1_000, 10_000] },
  check: 300,
  rounds: { 1000: 5, 10000: 5, 100000: 3, 1000000: 1 },
  millionBudgetMs: 4_000,
  contenders: scaleContenders,
};

// The scale curve: n tasks spawned at once, all held at one gate, then
// released and awaited. Reports microseconds per task (spawn to all done,
// without the heap measurement) and heap per held task.
import assert from "node:assert/strict";
import { spawn } from "@gentletask/tasks";
import { Deferred, Effect, Fiber } from "effect";
import { tokenRun } from "./floors.mjs";
import { heapUsed, now, waitUntil } from "./measuring.mjs";

/** A gate every task waits on, and the counts a run is checked against. */
function gated() {
  let open;
  const gate = new Promise((resolve) => {
    open = resolve;
  });
  return { gate, open, count: { started: 0, done: 0 } };
}

/** Times `start()` → all started → heap → `release()` → all done, minus the heap's own time. */
async function measureScale(n, count, start, release) {
  const before = heapUsed();
  const t0 = now();
  const finished = start();
  await waitUntil(() => count.started === n, `${n} tasks started`);
  const t1 = now();
  const held = heapUsed();
  const t2 = now();
  assert.equal(count.done, 0, "a task passed the gate before it opened");
  release();
  await finished;
  const t3 = now();
  assert.equal(count.done, n, "not every task finished");
  return {
    us: ((t1 - t0 + (t3 - t2)) * 1e3) / n,
    bytes: before === undefined ? Number.NaN : (held - before) / n,
  };
}

/** The scale run for a contender whose `launch(body)` returns something to await. */
function promiseScale(n, launch) {
  const { gate, open, count } = gated();
  const body = async () => {
    count.started++;
    await gate;
    count.done++;
  };
  return measureScale(
    n,
    count,
    () => {
      const all = new Array(n);
      for (let i = 0; i < n; i++) all[i] = launch(body);
      return Promise.all(all);
    },
    open,
  );
}

export const scaleContenders = {
  gentletask: (n) => promiseScale(n, spawn),
  effect(n) {
    const { count } = gated();
    const gate = Deferred.makeUnsafe();
    const body = Effect.andThen(
      Effect.sync(() => count.started++),
      Effect.andThen(
        Deferred.await(gate),
        Effect.sync(() => count.done++),
      ),
    );
    return measureScale(
      n,
      count,
      () =>
        Effect.runPromise(
          Effect.gen(function* () {
            const fibers = new Array(n);
            for (let i = 0; i < n; i++) fibers[i] = yield* Effect.forkChild(body);
            yield* Fiber.joinAll(fibers);
          }),
        ),
      () => Deferred.doneUnsafe(gate, Effect.void),
    );
  },
  "token floor": (n) => promiseScale(n, (body) => tokenRun(undefined, body)),
};

// Rows that time many small operations: spawn + await, a serial worker, a
// context set with a nested read, and a concurrency limit. Each contender
// returns microseconds per operation and asserts its own outcome (values,
// order, concurrency), so what is timed is what was checked.
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import * as primitives from "@gentletask/primitives";
import { throughline } from "@gentletask/semantic-stack";
import { SerialWorker, spawn } from "@gentletask/tasks";
import { Context, Effect, Fiber, Queue } from "effect";
import * as effection from "effection";
import pLimit from "p-limit";
import pMap from "p-map";
import PQueue from "p-queue";
import { abortRun, currentAbortTask, tokenRun } from "./floors.mjs";
import { now, turn } from "./measuring.mjs";

const perOp = (start, n) => ((now() - start) * 1e3) / n;

// ---- spawn + await: n children, one after another, inside a parent ---------
export const spawnContenders = {
  async gentletask(n) {
    const start = now();
    const sum = await spawn(async () => {
      let total = 0;
      for (let i = 0; i < n; i++) total += await spawn(() => i);
      return total;
    });
    const us = perOp(start, n);
    assert.equal(sum, (n * (n - 1)) / 2);
    return { us };
  },
  async effection(n) {
    const start = now();
    const sum = await effection.run(function* () {
      let total = 0;
      for (let i = 0; i < n; i++) {
        // biome-ignore lint/correctness/useYield: the child returns at once, as the others' do
        total += yield* yield* effection.spawn(function* () {
          return i;
        });
      }
      return total;
    });
    const us = perOp(start, n);
    assert.equal(sum, (n * (n - 1)) / 2);
    return { us };
  },
  async effect(n) {
    const start = now();
    const sum = await Effect.runPromise(
      Effect.gen(function* () {
        let total = 0;
        for (let i = 0; i < n; i++) {
          total += yield* Fiber.join(yield* Effect.forkChild(Effect.sync(() => i)));
        }
        return total;
      }),
    );
    const us = perOp(start, n);
    assert.equal(sum, (n * (n - 1)) / 2);
    return { us };
  },
  async "abort+ALS floor"(n) {
    const start = now();
    const sum = await abortRun(async (parent) => {
      let total = 0;
      for (let i = 0; i < n; i++) {
        total += await abortRun(() => {
          assert.equal(currentAbortTask().parent, parent);
          return i;
        });
      }
      return total;
    });
    const us = perOp(start, n);
    assert.equal(sum, (n * (n - 1)) / 2);
    return { us };
  },
  async "token floor"(n) {
    const start = now();
    const sum = await tokenRun(undefined, async (parent) => {
      let total = 0;
      for (let i = 0; i < n; i++) total += await tokenRun(parent, () => i);
      return total;
    });
    const us = perOp(start, n);
    assert.equal(sum, (n * (n - 1)) / 2);
    return { us };
  },
};

// ---- a serial worker: n jobs submitted at once, run one at a time in order --
/**
 * Job `i` for a serial row. In a check (`slow`), each job is async and yields
 * twice, so a worker that let two overlap, or ran them out of order, is caught.
 */
function serialJobs(n, slow) {
  const order = [];
  let active = 0;
  const job = slow
    ? (i) => async () => {
        active++;
        assert.equal(active, 1, "two serial jobs overlapped");
        await null;
        await null;
        order.push(i);
        active--;
      }
    : (i) => () => {
        order.push(i);
      };
  const verify = () => {
    assert.equal(order.length, n, "not every job ran");
    for (let i = 0; i < n; i++) if (order[i] !== i) assert.fail(`job ${i} ran out of order`);
  };
  return { job, verify };
}

export const serialContenders = {
  async gentletask(n, slow) {
    const { job, verify } = serialJobs(n, slow);
    const start = now();
    const worker = new SerialWorker("bench");
    let last;
    for (let i = 0; i < n; i++) last = worker.submit(job(i));
    await last;
    await worker.stop();
    const us = perOp(start, n);
    verify();
    return { us };
  },
  async "promise-chain floor"(n, slow) {
    const { job, verify } = serialJobs(n, slow);
    const start = now();
    let tail = Promise.resolve();
    let last;
    for (let i = 0; i < n; i++) {
      last = tail.then(job(i));
      tail = last.catch(() => {});
    }
    await last;
    const us = perOp(start, n);
    verify();
    return { us };
  },
  async "effect queue + 1 fiber"(n, slow) {
    const { job, verify } = serialJobs(n, slow);
    const start = now();
    const queue = Effect.runSync(Queue.unbounded());
    let finished;
    const drained = new Promise((resolve) => {
      finished = resolve;
    });
    const drainer = Effect.runFork(
      Effect.forever(
        Effect.flatMap(Queue.take(queue), (fn) => {
          const result = fn();
          return result instanceof Promise ? Effect.promise(() => result) : Effect.void;
        }),
      ),
    );
    for (let i = 0; i < n - 1; i++) Queue.offerUnsafe(queue, job(i));
    const lastJob = job(n - 1);
    Queue.offerUnsafe(queue, () => {
      const result = lastJob();
      return result instanceof Promise ? result.then(finished) : finished();
    });
    await drained;
    await Effect.runPromise(Fiber.interrupt(drainer));
    const us = perOp(start, n);
    verify();
    return { us };
  },
  async "p-queue (concurrency 1)"(n, slow) {
    const { job, verify } = serialJobs(n, slow);
    const start = now();
    const queue = new PQueue({ concurrency: 1 });
    let last;
    for (let i = 0; i < n; i++) last = queue.add(job(i));
    await last;
    const us = perOp(start, n);
    verify();
    return { us };
  },
};

// ---- context: set a value, read it in a nested call after one suspension ----
const als = new AsyncLocalStorage();
const RequestId = Context.Service("RequestId");
const requestId = effection.createContext("request-id");

/** Checks that an inner set shadows an outer one and the outer is back afterwards. */
async function nestingHolds(run, read) {
  const seen = await run(-1, async () => {
    const inner = await run(-2, read);
    return [inner, await read()];
  });
  assert.deepEqual(
    seen,
    [-2, -1],
    "an inner context did not shadow, or the outer was not restored",
  );
}

const gtRead = async () => {
  await null;
  return throughline.get("requestId");
};
const alsRead = async () => {
  await null;
  return als.getStore().requestId;
};
const effectRead = Effect.andThen(Effect.yieldNow, Effect.service(RequestId));
function* effectionRead() {
  yield* effection.until(Promise.resolve());
  return yield* requestId.expect();
}

export const contextContenders = {
  async gentletask(n, check) {
    const run = (value, fn) => throughline.run({ name: "request", requestId: value }, fn);
    if (check) await nestingHolds(run, gtRead);
    const start = now();
    for (let i = 0; i < n; i++) assert.equal(await run(i, gtRead), i);
    return { us: perOp(start, n) };
  },
  async AsyncLocalStorage(n, check) {
    const run = (value, fn) => als.run({ name: "request", requestId: value }, fn);
    if (check) await nestingHolds(run, alsRead);
    const start = now();
    for (let i = 0; i < n; i++) assert.equal(await run(i, alsRead), i);
    return { us: perOp(start, n) };
  },
  async effect(n, check) {
    const run = (value, body) => Effect.runPromise(Effect.provideService(body, RequestId, value));
    if (check) {
      const seen = await run(
        -1,
        Effect.gen(function* () {
          const inner = yield* Effect.provideService(effectRead, RequestId, -2);
          return [inner, yield* effectRead];
        }),
      );
      assert.deepEqual(seen, [-2, -1]);
    }
    const start = now();
    await Effect.runPromise(
      Effect.gen(function* () {
        for (let i = 0; i < n; i++) {
          assert.equal(yield* Effect.provideService(effectRead, RequestId, i), i);
        }
      }),
    );
    return { us: perOp(start, n) };
  },
  async effection(n, check) {
    if (check) {
      const seen = await effection.run(() =>
        requestId.with(-1, function* () {
          const inner = yield* requestId.with(-2, effectionRead);
          return [inner, yield* effectionRead()];
        }),
      );
      assert.deepEqual(seen, [-2, -1]);
    }
    const start = now();
    await effection.run(function* () {
      for (let i = 0; i < n; i++) assert.equal(yield* requestId.with(i, effectionRead), i);
    });
    return { us: perOp(start, n) };
  },
};

// ---- limit(4): n async jobs, at most 4 at once, started in submission order --
const CONCURRENCY = 4;
/**
 * Job `i` for a limit row. In a check (`slow`), each job waits a turn of the
 * event loop, so the limiter must fill all four slots; trivial jobs may end
 * before the next one starts.
 */
function limitJobs(n, slow) {
  const started = [];
  let active = 0;
  let peak = 0;
  let done = 0;
  const job = (i) => async () => {
    started.push(i);
    active++;
    if (active > peak) peak = active;
    if (slow) await turn();
    else await null;
    active--;
    done++;
  };
  const verify = () => {
    assert.equal(done, n, "not every job ran");
    assert.ok(peak <= CONCURRENCY, `${peak} jobs ran at once`);
    if (slow) assert.equal(peak, Math.min(CONCURRENCY, n), `peak concurrency was ${peak}`);
    for (let i = 0; i < n; i++) if (started[i] !== i) assert.fail(`job ${i} started out of order`);
  };
  return { job, verify };
}

/** A hand-rolled limiter: a counter and an array of waiting starts. */
function floorLimit(concurrency) {
  const waiting = [];
  let head = 0;
  let active = 0;
  const next = () => {
    active--;
    if (head < waiting.length) waiting[head++]();
  };
  return (fn) =>
    new Promise((resolve, reject) => {
      const start = () => {
        active++;
        fn().then(resolve, reject).finally(next);
      };
      if (active < concurrency) start();
      else waiting.push(start);
    });
}

/** The gentletask `limit`, or `undefined` while @gentletask/primitives does not export it. */
const gentletaskLimit = primitives.limit;

/**
 * A limit row for a limiter made by `makeLimiter()`: `submit(limiter, fn)`
 * queues one job and returns something to await. Timed from the limiter's
 * creation to the last job's end, then checked.
 */
function limitRow(makeLimiter, submit) {
  return async (n, slow) => {
    const { job, verify } = limitJobs(n, slow);
    const start = now();
    const limiter = makeLimiter();
    const all = [];
    for (let i = 0; i < n; i++) all.push(submit(limiter, job(i)));
    await Promise.all(all);
    const us = perOp(start, n);
    verify();
    return { us };
  };
}

export const limitContenders = {
  gentletask:
    typeof gentletaskLimit === "function"
      ? limitRow(
          () => gentletaskLimit(CONCURRENCY),
          (limited, fn) => limited(fn).wait(),
        )
      : undefined,
  "p-limit": limitRow(
    () => pLimit(CONCURRENCY),
    (limited, fn) => limited(fn),
  ),
  "p-queue": limitRow(
    () => new PQueue({ concurrency: CONCURRENCY }),
    (queue, fn) => queue.add(fn),
  ),
  "p-map": async (n, slow) => {
    const { job, verify } = limitJobs(n, slow);
    const start = now();
    const indexes = Array.from({ length: n }, (_, i) => i);
    await pMap(indexes, (i) => job(i)(), { concurrency: CONCURRENCY });
    const us = perOp(start, n);
    verify();
    return { us };
  },
  "limiter floor": limitRow(
    () => floorLimit(CONCURRENCY),
    (limited, fn) => limited(fn),
  ),
};

// Waiting tasks: many children in an endless stop-aware wait (their memory,
// and how long a stop takes until every one has run its `finally`), and a
// chain of tasks each awaiting the next. One builder per contender; the
// harness around them checks that every task really waited and really ran
// its cleanup, and throws if not.
import assert from "node:assert/strict";
import { sleep } from "@gentletask/primitives";
import { spawn } from "@gentletask/tasks";
import { Effect, Fiber } from "effect";
import * as effection from "effection";
import { abortRun, abortWait, Token, tokenRun, tokenWait } from "./floors.mjs";
import { heapUsed, now, waitUntil } from "./measuring.mjs";

/** Resolves once a body calls `ready()`: the builders use it to know the tree is up. */
function readiness() {
  let ready;
  const up = new Promise((resolve) => {
    ready = resolve;
  });
  return { up, ready };
}

// Each wide builder starts `n` children that count `started`, wait until
// stopped, and count `finals` in `finally`; it resolves to a `stop()`.
const wide = {
  async gentletask(n, count) {
    const { up, ready } = readiness();
    const root = spawn(async () => {
      for (let i = 0; i < n; i++) {
        spawn(async () => {
          count.started++;
          try {
            await sleep(Number.POSITIVE_INFINITY);
          } finally {
            count.finals++;
          }
        });
      }
      ready();
      await sleep(Number.POSITIVE_INFINITY);
    });
    await up;
    return () => root.stop();
  },
  async effection(n, count) {
    const { up, ready } = readiness();
    const root = effection.run(function* () {
      for (let i = 0; i < n; i++) {
        yield* effection.spawn(function* () {
          count.started++;
          try {
            yield* effection.suspend();
          } finally {
            count.finals++;
          }
        });
      }
      ready();
      yield* effection.suspend();
    });
    await up;
    return () => root.halt();
  },
  async effect(n, count) {
    const { up, ready } = readiness();
    const child = Effect.ensuring(
      Effect.andThen(
        Effect.sync(() => count.started++),
        Effect.never,
      ),
      Effect.sync(() => count.finals++),
    );
    const root = Effect.runFork(
      Effect.gen(function* () {
        for (let i = 0; i < n; i++) yield* Effect.forkChild(child);
        ready();
        yield* Effect.never;
      }),
    );
    await up;
    return () => Effect.runPromise(Fiber.interrupt(root));
  },
  async "abort+ALS floor"(n, count) {
    let root;
    const done = abortRun(async (task) => {
      root = task;
      const children = [];
      for (let i = 0; i < n; i++) {
        children.push(
          abortRun(async (child) => {
            count.started++;
            try {
              await abortWait(child.controller.signal);
            } finally {
              count.finals++;
            }
          }).catch(() => {}),
        );
      }
      await abortWait(task.controller.signal).catch(() => {});
      await Promise.all(children);
    });
    await waitUntil(() => root !== undefined, "abort floor root");
    return () => {
      root.stop();
      return done;
    };
  },
  async "token floor"(n, count) {
    const root = new Token(undefined);
    const children = [];
    for (let i = 0; i < n; i++) {
      children.push(
        tokenRun(root, async (token) => {
          count.started++;
          try {
            await tokenWait(token);
          } finally {
            count.finals++;
          }
        }).catch(() => {}),
      );
    }
    return () => {
      root.stop();
      return Promise.all(children);
    };
  },
};

/**
 * Builds `n` waiting children with `builder`, then measures heap per task and
 * the time from stop until all have unwound. Throws unless every child started,
 * none finished before the stop, and all ran `finally` by the time stop resolved.
 */
export async function measureWide(builder, n) {
  const count = { started: 0, finals: 0 };
  const before = heapUsed();
  const stop = await builder(n, count);
  await waitUntil(() => count.started === n, `${n} children started`);
  const after = heapUsed();
  // Let timers, immediates and stray microtasks run: a wait that does not
  // really wait ends here. A 1 ms timer alone is not enough: when the loop
  // reaches the timers phase late, it fires before immediates queued earlier.
  await new Promise((resolve) => setTimeout(resolve, 1));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(count.finals, 0, "a child finished before it was stopped");
  const start = now();
  await stop();
  const ms = now() - start;
  assert.equal(count.finals, n, "stop resolved before every child ran its finally");
  return { bytes: before === undefined ? Number.NaN : (after - before) / n, ms };
}

export const wideContenders = Object.fromEntries(
  Object.entries(wide).map(([name, builder]) => [name, (n) => measureWide(builder, n)]),
);

// Each chain builder nests `depth` tasks, each awaiting the next, the last one
// waiting until stopped; every level counts `finals`.
const chain = {
  gentletask(depth, count, ready) {
    const nest = (left) =>
      spawn(async () => {
        try {
          if (left === 0) {
            ready();
            await sleep(Number.POSITIVE_INFINITY);
          } else await nest(left - 1);
        } finally {
          count.finals++;
        }
      });
    const root = nest(depth - 1);
    return () => root.stop().then(() => root.wait().catch(() => {}));
  },
  effection(depth, count, ready) {
    function* nest(left) {
      try {
        if (left === 0) {
          ready();
          yield* effection.suspend();
        } else yield* yield* effection.spawn(() => nest(left - 1));
      } finally {
        count.finals++;
      }
    }
    const root = effection.run(() => nest(depth - 1));
    return () => root.halt();
  },
  effect(depth, count, ready) {
    const bump = Effect.sync(() => count.finals++);
    const nest = (left) =>
      left === 0
        ? Effect.ensuring(Effect.andThen(Effect.sync(ready), Effect.never), bump)
        : Effect.ensuring(
            Effect.flatMap(Effect.forkChild(nest(left - 1)), (fiber) => Fiber.join(fiber)),
            bump,
          );
    const root = Effect.runFork(nest(depth - 1));
    return () => Effect.runPromise(Fiber.interrupt(root));
  },
  "abort+ALS floor"(depth, count, ready) {
    let root;
    const nest = (left) =>
      abortRun(async (task) => {
        root ??= task;
        try {
          if (left === 0) {
            ready();
            await abortWait(task.controller.signal);
          } else await nest(left - 1);
        } finally {
          count.finals++;
        }
      });
    const done = nest(depth - 1).catch(() => {});
    return () => {
      root.stop();
      return done;
    };
  },
  "token floor"(depth, count, ready) {
    const root = new Token(undefined);
    const nest = (parent, left) =>
      tokenRun(parent, async (token) => {
        try {
          if (left === 0) {
            ready();
            await tokenWait(token);
          } else await nest(token, left - 1);
        } finally {
          count.finals++;
        }
      });
    const done = nest(root, depth - 1).catch(() => {});
    return () => {
      root.stop();
      return done;
    };
  },
};

/** Builds a chain `depth` deep and times its stop; throws unless every level unwound. */
export async function measureChain(builder, depth) {
  const count = { finals: 0 };
  const { up, ready } = readiness();
  const stop = builder(depth, count, ready);
  await up;
  await new Promise((resolve) => setTimeout(resolve, 1));
  assert.equal(count.finals, 0, "a level finished before it was stopped");
  const start = now();
  await stop();
  const ms = now() - start;
  assert.equal(count.finals, depth, "stop resolved before every level ran its finally");
  return { ms };
}

export const chainContenders = Object.fromEntries(
  Object.entries(chain).map(([name, builder]) => [name, (depth) => measureChain(builder, depth)]),
);

import { AsyncLocalStorage } from "node:async_hooks";
import { Event, limit, sleep } from "@gentletask/primitives";
import { Stopped, spawn, taskChain, taskTree } from "@gentletask/tasks";
import { describe, expect, test } from "vitest";
import { nextTurn, outcome, until } from "./support.js";

/** A job that logs its start and end and runs until `release` is set. */
function gatedJob(events: string[], label: string, release: Event) {
  return async function job() {
    events.push(`start ${label}`);
    try {
      await release.wait();
      return label;
    } finally {
      events.push(`end ${label}`);
    }
  };
}

describe("limit", () => {
  test("runs at most n calls at once, in submission order", async () => {
    const limiter = limit(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const calls = Array.from({ length: 10 }, (_, i) =>
      limiter(async (n: number) => {
        order.push(n);
        active += 1;
        peak = Math.max(peak, active);
        await sleep(i % 3);
        active -= 1;
        return n * 10;
      }, i),
    );
    expect(limiter.activeCount).toBe(2);
    expect(limiter.pendingCount).toBe(8);
    expect(await Promise.all(calls)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(peak).toBe(2);
    expect([limiter.activeCount, limiter.pendingCount]).toEqual([0, 0]);
  });

  test("each call runs in its caller's whole async context, with its own name on the throughline", async () => {
    const storage = new AsyncLocalStorage<string>();
    const limiter = limit(1);
    const blocker = new Event();
    const first = limiter(() => blocker.wait());
    const seen: unknown[] = [];
    const callers = ["alice", "bob"].map((who) =>
      spawn(
        () =>
          storage.run(who, () =>
            limiter(async function render() {
              seen.push([who, taskChain(), storage.getStore()]);
            }),
          ),
        { name: `request-${who}` },
      ),
    );
    await until(() => limiter.pendingCount === 2);
    // The slot is freed from a context that is neither caller's.
    storage.run("the freer", () => blocker.set());
    await Promise.all(callers);
    await first;
    expect(seen).toEqual([
      ["alice", ["request-alice", "render"], "alice"],
      ["bob", ["request-bob", "render"], "bob"],
    ]);
  });

  test("an anonymous function's call is named after the limiter", async () => {
    const limiter = limit(1, { name: "fetches" });
    expect(await limiter(() => taskChain())).toEqual(["fetches"]);
    expect(await limiter(() => taskChain())).toEqual(["fetches"]);
  });

  test("a queued call whose caller is stopped leaves the queue at once and settles with Stopped", async () => {
    const limiter = limit(1);
    const release = new Event();
    const events: string[] = [];
    const running = limiter(gatedJob(events, "running", release));
    let queued: ReturnType<typeof limiter> | undefined;
    const caller = spawn(
      async () => {
        queued = limiter(gatedJob(events, "queued", release));
        await queued;
      },
      { name: "caller" },
    );
    await until(() => limiter.pendingCount === 1);
    const stopped = caller.stop("client went away");
    expect(limiter.pendingCount).toBe(0);
    expect(queued?.isDone).toBe(true);
    await stopped;
    const result = await outcome((queued as NonNullable<typeof queued>).wait());
    expect((result as { error: Stopped }).error).toBeInstanceOf(Stopped);
    expect((result as { error: Stopped }).error.reason).toBe("client went away");
    release.set();
    expect(await running).toBe("running");
    expect(events).toEqual(["start running", "end running"]);
  });

  test("a queued call whose own task is stopped leaves the queue, and the next call takes its turn", async () => {
    const limiter = limit(1);
    const release = new Event();
    const events: string[] = [];
    const a = limiter(gatedJob(events, "a", release));
    const b = limiter(gatedJob(events, "b", release));
    const c = limiter(gatedJob(events, "c", release));
    expect(limiter.pendingCount).toBe(2);
    b.stop("not needed");
    expect(limiter.pendingCount).toBe(1);
    expect(b.isDone).toBe(true);
    release.set();
    expect(await a).toBe("a");
    expect(await c).toBe("c");
    expect(events).toEqual(["start a", "end a", "start c", "end c"]);
    expect((await outcome(b.wait())).ok).toBe(false);
  });

  test("a running call that is stopped frees its slot once its body has finished", async () => {
    const limiter = limit(1);
    const events: string[] = [];
    const running = limiter(async () => {
      try {
        await sleep(Number.POSITIVE_INFINITY);
      } finally {
        await new Promise((resolve) => setImmediate(resolve));
        events.push("running cleaned up");
      }
    });
    const next = limiter(() => {
      events.push("next started");
    });
    await nextTurn();
    const stopped = running.stop("enough");
    expect(limiter.activeCount).toBe(1);
    await stopped;
    await next;
    expect(events).toEqual(["running cleaned up", "next started"]);
  });

  test("a call stopped before its body began frees its slot", async () => {
    const limiter = limit(1);
    const first = limiter(() => "never");
    first.stop("changed my mind");
    expect(limiter.activeCount).toBe(0);
    expect(await limiter(() => "second")).toBe("second");
  });

  test("a call made in a stopped task never runs and takes no slot", async () => {
    const limiter = limit(1);
    let ran = false;
    let seen: { done: boolean; active: number } | undefined;
    let call: ReturnType<typeof limiter> | undefined;
    const caller = spawn(
      async () => {
        try {
          await sleep(Number.POSITIVE_INFINITY);
        } finally {
          call = limiter(() => {
            ran = true;
          });
          seen = { done: call.isDone, active: limiter.activeCount };
        }
      },
      { name: "caller" },
    );
    await nextTurn();
    await caller.stop("gone");
    expect(seen).toEqual({ done: true, active: 0 });
    const result = await outcome((call as NonNullable<typeof call>).wait());
    expect((result as { error: Stopped }).error.reason).toBe("gone");
    expect(ran).toBe(false);
  });

  test("a failing call rejects its own task and frees its slot; the limiter goes on", async () => {
    const limiter = limit(1);
    const failing = limiter(() => {
      throw new Error("bad row");
    });
    const after = limiter(async () => "ok");
    expect(((await outcome(failing.wait())) as { error: Error }).error.message).toBe("bad row");
    expect(await after).toBe("ok");
  });

  test("clearQueue stops every queued call with the reason; running calls go on", async () => {
    const limiter = limit(1);
    const release = new Event();
    const events: string[] = [];
    const running = limiter(gatedJob(events, "running", release));
    const queued = [1, 2, 3].map((n) => limiter(gatedJob(events, `q${n}`, release)));
    limiter.clearQueue("shutting down");
    expect(limiter.pendingCount).toBe(0);
    for (const call of queued) {
      const result = await outcome(call.wait());
      expect((result as { error: Stopped }).error.reason).toBe("shutting down");
    }
    release.set();
    expect(await running).toBe("running");
    expect(events).toEqual(["start running", "end running"]);
  });

  test("raising concurrency starts queued calls at once; lowering it lets running ones finish", async () => {
    const limiter = limit(1);
    const release = new Event();
    const events: string[] = [];
    const calls = ["a", "b", "c", "d"].map((label) => limiter(gatedJob(events, label, release)));
    expect(limiter.activeCount).toBe(1);
    limiter.concurrency = 3;
    expect(limiter.concurrency).toBe(3);
    expect([limiter.activeCount, limiter.pendingCount]).toEqual([3, 1]);
    await until(() => events.length === 3);
    expect(events).toEqual(["start a", "start b", "start c"]);
    limiter.concurrency = 1;
    release.set();
    await Promise.all(calls);
    expect(events.slice(3).sort()).toEqual(["end a", "end b", "end c", "end d", "start d"]);
  });

  test("Infinity means no limit", async () => {
    const limiter = limit(Number.POSITIVE_INFINITY);
    const release = new Event();
    const calls = Array.from({ length: 50 }, () => limiter(() => release.wait()));
    expect([limiter.activeCount, limiter.pendingCount]).toEqual([50, 0]);
    release.set();
    await Promise.all(calls);
  });

  test("calls show in taskTree() under their caller, queued ones as pending", async () => {
    const limiter = limit(1);
    const release = new Event();
    const caller = spawn(
      async () => {
        const calls = [limiter(() => release.wait()), limiter(async function queued() {})];
        await Promise.all(calls);
      },
      { name: "caller" },
    );
    await until(() => limiter.pendingCount === 1);
    const node = taskTree().find((root) => root.name === "caller");
    expect(node?.children.map((child) => [child.name, child.state])).toEqual([
      ["limit", "running"],
      ["queued", "pending"],
    ]);
    release.set();
    await caller;
  });

  test("1,000 interleaved callers through one limit each see only their own throughline and store", async () => {
    const storage = new AsyncLocalStorage<number>();
    const limiter = limit(4);
    const mismatches: unknown[] = [];
    const callers = Array.from({ length: 1_000 }, (_, i) =>
      spawn(
        () =>
          storage.run(i, async () => {
            await sleep(i % 3);
            return limiter(async function work() {
              await sleep(i % 2);
              const chain = taskChain();
              if (storage.getStore() !== i || chain.join("/") !== `caller-${i}/work`) {
                mismatches.push([i, storage.getStore(), chain]);
              }
              return i;
            });
          }),
        { name: `caller-${i}` },
      ),
    );
    const results = await Promise.all(callers);
    expect(mismatches).toEqual([]);
    expect(results).toEqual(Array.from({ length: 1_000 }, (_, i) => i));
  });
});

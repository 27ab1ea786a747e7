import { runShielded } from "@gentletask/semantic-stack/task-record";
import { expect, test } from "vitest";
import { type AsyncTask, ManualTask, Stopped, spawn, taskChain } from "../src/index.ts";
import { deferred, nextTurn } from "./support/turns.ts";

test("taskChain() inside a grandchild reads parent, child, grandchild", async () => {
  const chain = await spawn(
    () =>
      spawn(() => spawn(() => taskChain(), { name: "grandchild" }), {
        name: "child",
      }),
    { name: "parent" },
  );
  expect(chain).toEqual(["parent", "child", "grandchild"]);
});

test("a task created inside a running task is its child: the parent's stop cascades with the same reason", async () => {
  const started = deferred();
  let child!: AsyncTask<void>;
  const parent = spawn(async () => {
    child = spawn(async () => {
      started.resolve();
      await new ManualTask();
    });
    await new ManualTask();
  });
  await started.promise;
  await parent.stop("cascade");
  expect(child.isStopped).toBe(true);
  expect(child.stopReason).toBe("cascade");
  expect(((await child.wait().catch((e: unknown) => e)) as Stopped).reason).toBe("cascade");
});

test("when the body finishes, the task stops its running children and waits for their cleanup", async () => {
  const events: string[] = [];
  const parent = spawn(async () => {
    spawn(async () => {
      try {
        await new ManualTask();
      } finally {
        events.push("child:finally:start");
        await nextTurn();
        events.push("child:finally:end");
      }
    });
    await nextTurn();
    events.push("parent:body:end");
    return "parent result";
  });
  const result = await parent;
  events.push("parent:result");
  expect(result).toBe("parent result");
  expect(events).toEqual([
    "parent:body:end",
    "child:finally:start",
    "child:finally:end",
    "parent:result",
  ]);
});

test("a failing body also waits for its children before its error is delivered", async () => {
  const events: string[] = [];
  const parent = spawn(async () => {
    spawn(async () => {
      try {
        await new ManualTask();
      } finally {
        await nextTurn();
        events.push("child:finally");
      }
    });
    await nextTurn();
    throw new Error("parent failed");
  });
  await parent.wait().catch((error: Error) => events.push(error.message));
  expect(events).toEqual(["child:finally", "parent failed"]);
});

test("await task.stop() resolves only after every descendant's async finally ran", async () => {
  const events: string[] = [];
  const ready = deferred();
  const level = (name: string, depth: number): AsyncTask<void> =>
    spawn(
      async () => {
        try {
          if (depth > 0) {
            level(`${name}.a`, depth - 1);
            level(`${name}.b`, depth - 1);
          } else if (name === "root.b.b") ready.resolve();
          await new ManualTask();
        } finally {
          await nextTurn();
          await nextTurn();
          events.push(`${name}:finally`);
        }
      },
      { name },
    );
  const root = level("root", 2);
  await ready.promise;
  await nextTurn();
  await root.stop();
  events.push("stop resolved");
  // Seven tasks, each with a slow finally; the stop resolves after all of them.
  expect(events).toHaveLength(8);
  expect(events.at(-1)).toBe("stop resolved");
  expect(new Set(events.slice(0, 7)).size).toBe(7);
});

test("detach: true keeps a task out of the cascade, with its throughline ancestry", async () => {
  const release = new ManualTask<void>();
  let detached!: AsyncTask<string[]>;
  const parent = spawn(
    async () => {
      detached = spawn(
        async () => {
          await release;
          return taskChain();
        },
        { detach: true, name: "loner" },
      );
      await new ManualTask();
    },
    { name: "parent" },
  );
  await nextTurn();
  await parent.stop();
  expect(detached.isStopped).toBe(false);
  expect(detached.isDone).toBe(false);
  release.resolve();
  expect(await detached).toEqual(["parent", "loner"]);
});

test("detach() by the parent takes the child out of the cascade and out of the parent's wait", async () => {
  const release = new ManualTask<void>();
  const parent = spawn(async () => {
    const child = spawn(async () => {
      await release;
      return "child done";
    });
    child.detach();
    // Wrapped: an async body returning a task would adopt its result.
    return { child };
  });
  const { child } = await parent;
  expect(parent.isDone).toBe(true);
  expect(child.isStopped).toBe(false);
  release.resolve();
  expect(await child).toBe("child done");
});

test("detach() by anyone but the parent throws and changes nothing", async () => {
  const started = deferred<{ child: AsyncTask<void> }>();
  const parent = spawn(
    async () => {
      started.resolve({ child: spawn(() => new ManualTask<void>().wait(), { name: "kid" }) });
      await new ManualTask();
    },
    { name: "mom" },
  );
  const { child } = await started.promise;
  expect(() => child.detach()).toThrowErrorMatchingInlineSnapshot(
    `[Error: detach: only the parent task "mom" may detach task "kid" (called outside any task)]`,
  );
  const stranger = spawn(() => child.detach(), { name: "stranger" });
  await expect(stranger.wait()).rejects.toThrowErrorMatchingInlineSnapshot(
    `[Error: detach: only the parent task "mom" may detach task "kid" (called from task "stranger")]`,
  );
  const selfDetach = spawn(async () => {
    const inner = spawn(async () => {
      currentDetachError = catchError(() => currentSelf().detach());
    });
    const currentSelf = () => inner;
    await inner;
  });
  let currentDetachError: unknown;
  await selfDetach;
  expect(String(currentDetachError)).toContain("only the parent task");
  expect(() => spawn(() => 1).detach()).toThrowErrorMatchingInlineSnapshot(
    `[Error: detach: task "anonymous" has no parent to detach from (called outside any task)]`,
  );
  await parent.stop();
  expect(child.isStopped).toBe(true);
});

function catchError(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

test("a child created under a stopped parent is stopped at once; inside a shield it is not", async () => {
  const seen: Record<string, boolean> = {};
  const parent = spawn(async () => {
    try {
      await new ManualTask();
    } finally {
      const plain = spawn(() => "plain");
      seen.plain = plain.isStopped;
      const cleanup = runShielded(() => spawn(async () => "cleanup"));
      seen.cleanup = cleanup.isStopped;
      seen.cleanupResult = (await runShielded(() => cleanup.wait())) === "cleanup";
    }
  });
  await nextTurn();
  await parent.stop();
  expect(seen).toEqual({ plain: true, cleanup: false, cleanupResult: true });
});

test("a task waited on from inside another task is not stopped with the waiter", async () => {
  const outsider = spawn(async () => {
    await new ManualTask();
  });
  const waiter = spawn(async () => {
    await outsider;
  });
  await nextTurn();
  waiter.stop("waiter stopped");
  const error = await waiter.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe("waiter stopped");
  expect(outsider.isStopped).toBe(false);
  await outsider.stop();
});

test("one shared task awaited by many: a stopped waiter stops nobody else's wait", async () => {
  const shared = new ManualTask<string>({ name: "shared-fetch" });
  const waiters = Array.from({ length: 50 }, (_, i) =>
    spawn(() => shared.wait(), { name: `request-${i}` }),
  );
  await nextTurn();
  await (waiters[0] as AsyncTask<string>).stop("client went away");
  expect(shared.isStopped).toBe(false);
  shared.resolve("body");
  const results = await Promise.all(waiters.slice(1).map((task) => task.wait()));
  expect(new Set(results)).toEqual(new Set(["body"]));
});

test("a waiter whose awaited task waits on the waiter's stop still finishes (no hold)", async () => {
  // The fuzz-found hang: the awaited task's body awaits the waiter's stop().
  let waiter!: AsyncTask<unknown>;
  const awaited = spawn(async () => {
    await nextTurn();
    await waiter.stop("from the awaited task");
    return "awaited done";
  });
  waiter = spawn(() => awaited.wait(), { name: "waiter" });
  expect(await awaited).toBe("awaited done");
  expect(waiter.isDone).toBe(true);
});

test("waits that would make a cycle reject at once instead of holding up a stop", async () => {
  // A child waiting on its own parent, and two tasks waiting on each other.
  let child: AsyncTask<unknown> | undefined;
  const parent = spawn(async () => {
    child = spawn(async () => await parent);
    await new ManualTask();
  });
  const first: { task?: AsyncTask<unknown> } = {};
  const second = spawn(async () => {
    await nextTurn();
    await (first.task as AsyncTask<unknown>);
  });
  first.task = spawn(async () => await second);
  // Observed from the start, so their failures are ours to read, not raised.
  const outcomes = [first.task, second].map((t) => t.wait().catch((e: unknown) => e));
  await nextTurn();
  await nextTurn();
  // The child's failure (nobody awaited it) went up: its parent failed with it.
  await parent.stop();
  expect(child?.isDone).toBe(true);
  expect(String(await parent.wait().catch((e: unknown) => e))).toContain("own ancestor");
  const errors = await Promise.all(outcomes);
  expect(errors[0]).toBe(errors[1]);
  expect(String(errors[0])).toContain("a cycle of tasks waiting on each other");
});

test("a wait that ended by its deadline does not hold the waiter", async () => {
  const outsider = spawn(async () => await new ManualTask());
  const waiter = spawn(async () => {
    await outsider.wait(5).catch(() => {});
    return "gave up";
  });
  expect(await waiter).toBe("gave up");
  expect(outsider.isStopped).toBe(false);
  await outsider.stop();
});

test("a task started from a finished task's context is a root, not stopped", async () => {
  const later = deferred<{ late: AsyncTask<string> }>();
  const parent = spawn(() => {
    setTimeout(() => later.resolve({ late: spawn(() => "late") }), 1);
  });
  await parent;
  const { late } = await later.promise;
  expect(late.isStopped).toBe(false);
  expect(await late).toBe("late");
});

test("a child created inside a shield is out of reach of its parent's stop cascade, but still waited for", async () => {
  const events: string[] = [];
  const gate = deferred();
  let child: AsyncTask<string> | undefined;
  const parent = spawn(async () => {
    await runShielded(async () => {
      child = spawn(
        async () => {
          await gate.promise;
          events.push("child finished its work");
          return "committed";
        },
        { name: "critical" },
      );
      // A shielded wait on it is not cut short by the parent's stop.
      events.push(await child);
    });
  });
  await nextTurn();
  const stopped = parent.stop("shutdown");
  expect(parent.isStopped).toBe(true);
  expect(child?.isStopped).toBe(false);
  await nextTurn();
  events.push("stop still pending");
  gate.resolve();
  await stopped;
  expect(events).toEqual(["stop still pending", "child finished its work", "committed"]);
});

test("a shielded child not awaited is stopped when its parent's body exits", async () => {
  let child: AsyncTask<void> | undefined;
  const parent = spawn(() => {
    child = runShielded(() => spawn(() => new ManualTask<void>(), { name: "forgotten" }));
  });
  await parent;
  expect(child?.isStopped).toBe(true);
  expect(child?.isDone).toBe(true);
});

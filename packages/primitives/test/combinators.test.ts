import { AsyncLocalStorage } from "node:async_hooks";
import { all, allSettled, any, race, sleep } from "@gentletask/primitives";
import {
  ManualTask,
  Stopped,
  spawn,
  type Task,
  type TaskTreeNode,
  taskChain,
  taskTree,
} from "@gentletask/tasks";
import { describe, expect, test } from "vitest";
import { nextTurn, outcome, until } from "./support.js";

/** A child body that waits until stopped, logging its cleanup. */
function waitsForever(events: string[], label: string) {
  return async () => {
    try {
      await sleep(Number.POSITIVE_INFINITY);
    } catch (error) {
      events.push(`${label}:stopped ${(error as Stopped).reason}`);
      throw error;
    } finally {
      await new Promise((resolve) => setImmediate(resolve)); // cleanup that takes a turn
      events.push(`${label}:finally`);
    }
  };
}

function find(nodes: readonly TaskTreeNode[], name: string): TaskTreeNode | undefined {
  for (const node of nodes) {
    if (node.name === name) return node;
    const inner = find(node.children, name);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

describe("all", () => {
  test("resolves with every result in input order, tasks and functions mixed", async () => {
    const existing = spawn(async () => "from a task", { name: "existing" });
    const results = await all([
      async () => {
        await sleep(5);
        return 1;
      },
      existing,
      () => "sync",
    ]);
    expect(results).toEqual([1, "from a task", "sync"]);
  });

  test("an empty all resolves with []", async () => {
    expect(await all([])).toEqual([]);
  });

  test("rejects with the first failure, stops the siblings, and settles only after they exited", async () => {
    const events: string[] = [];
    const group = all([
      waitsForever(events, "a"),
      async () => {
        await sleep(1);
        throw new Error("b failed");
      },
      waitsForever(events, "c"),
    ]);
    const result = await outcome(group.wait());
    events.push("all settled");
    expect(result.ok).toBe(false);
    expect((result as { error: Error }).error.message).toBe("b failed");
    expect(events).toEqual([
      "a:stopped all: another task failed",
      "c:stopped all: another task failed",
      "a:finally",
      "c:finally",
      "all settled",
    ]);
  });

  test("a sibling whose cleanup throws joins the first failure in an AggregateError", async () => {
    const group = all([
      async () => {
        try {
          await sleep(Number.POSITIVE_INFINITY);
        } finally {
          // biome-ignore lint/correctness/noUnsafeFinally: the case under test
          throw new Error("cleanup broke");
        }
      },
      async () => {
        await sleep(1);
        throw new Error("first");
      },
    ]);
    const result = await outcome(group.wait());
    const error = (result as { error: AggregateError }).error;
    expect(error).toBeInstanceOf(AggregateError);
    expect(error.message).toBe("all: 2 tasks failed");
    expect(error.errors.map((e: Error) => e.message)).toEqual(["first", "cleanup broke"]);
  });

  test("functions run as child tasks in the caller's context; the group shows in taskTree()", async () => {
    const storage = new AsyncLocalStorage<string>();
    const seen: unknown[] = [];
    let tree: TaskTreeNode | undefined;
    const parent = spawn(
      () =>
        storage.run("request-7", async () => {
          const group = all(
            [
              async function fetchUser() {
                seen.push([taskChain(), storage.getStore()]);
                await sleep(Number.POSITIVE_INFINITY);
              },
              async () => {
                seen.push([taskChain(), storage.getStore()]);
                await sleep(Number.POSITIVE_INFINITY);
              },
            ],
            { name: "load-page" },
          );
          await until(() => seen.length === 2);
          tree = find(taskTree(), "handler");
          await group.stop("done looking");
          return outcome(group.wait());
        }),
      { name: "handler" },
    );
    const result = await parent;
    expect(seen).toEqual([
      [["handler", "load-page", "fetchUser"], "request-7"],
      [["handler", "load-page", "load-page[1]"], "request-7"],
    ]);
    expect(tree?.children.map((node) => node.name)).toEqual(["load-page"]);
    expect(tree?.children[0]?.children.map((node) => node.name)).toEqual([
      "fetchUser",
      "load-page[1]",
    ]);
    expect((result as { error: unknown }).error).toBeInstanceOf(Stopped);
  });

  test("stopping the group stops every child and rejects with Stopped after they exited", async () => {
    const events: string[] = [];
    const group = all([waitsForever(events, "a"), waitsForever(events, "b")]);
    await nextTurn();
    const stopped = group.stop("shutting down");
    await stopped;
    events.push("stop resolved");
    expect(events).toEqual([
      "a:stopped shutting down",
      "b:stopped shutting down",
      "a:finally",
      "b:finally",
      "stop resolved",
    ]);
    const result = await outcome(group.wait());
    expect((result as { error: Stopped }).error).toBeInstanceOf(Stopped);
    expect((result as { error: Stopped }).error.reason).toBe("shutting down");
  });

  test("a stop of the caller cascades through the group to its children", async () => {
    const events: string[] = [];
    const caller = spawn(() => all([waitsForever(events, "a")]).wait(), { name: "caller" });
    await until(() => find(taskTree(), "all[0]") !== undefined);
    await caller.stop("ctrl-c");
    expect(events).toEqual(["a:stopped ctrl-c", "a:finally"]);
    expect(find(taskTree(), "all")).toBeUndefined();
  });

  test("a task passed in is only watched: a sibling's failure settles the group without stopping it", async () => {
    const events: string[] = [];
    const existing = spawn(waitsForever(events, "existing"), { name: "existing", detach: true });
    const result = await outcome(
      all([
        existing,
        () => {
          throw new Error("boom");
        },
      ]).wait(),
    );
    events.push("settled");
    expect((result as { error: Error }).error.message).toBe("boom");
    expect(existing.isStopped).toBe(false);
    await existing.stop("its owner is done with it");
    expect(events).toEqual([
      "settled",
      "existing:stopped its owner is done with it",
      "existing:finally",
    ]);
  });

  test("a passed-in task that already finished is left as it is", async () => {
    const done = spawn(() => 5, { name: "done" });
    await done;
    expect(await all([done, () => 6])).toEqual([5, 6]);
    expect(done.isStopped).toBe(false);
  });

  test("a stopped child counts as a failure", async () => {
    const victim = new ManualTask<number>({ name: "victim" });
    const group = all([victim, () => sleep(Number.POSITIVE_INFINITY)]);
    victim.stop("someone else");
    const result = await outcome(group.wait());
    expect((result as { error: Stopped }).error).toBeInstanceOf(Stopped);
    expect((result as { error: Stopped }).error.reason).toBe("someone else");
  });
});

describe("a combinator stopped before its body starts", () => {
  test("runs none of its functions and leaves the tasks passed in running", async () => {
    let ran = false;
    const given = new ManualTask<number>({ name: "given" });
    const group = all([
      () => {
        ran = true;
      },
      given,
    ]);
    await group.stop("changed my mind");
    const result = await outcome(group.wait());
    expect((result as { error: Stopped }).error.reason).toBe("changed my mind");
    expect(ran).toBe(false);
    expect(given.isStopped).toBe(false);
    given.resolve(1);
    expect(await given).toBe(1);
  });
});

describe("allSettled", () => {
  test("never rejects: one settled result per piece, in input order", async () => {
    const results = await allSettled([
      async () => {
        await sleep(3);
        return "late";
      },
      () => {
        throw new Error("nope");
      },
      spawn(() => 1, { name: "task" }),
    ]);
    expect(results).toEqual([
      { status: "fulfilled", value: "late" },
      { status: "rejected", reason: new Error("nope") },
      { status: "fulfilled", value: 1 },
    ]);
  });

  test("rejects only by its own stop, after its children exited", async () => {
    const events: string[] = [];
    const group = allSettled([waitsForever(events, "a"), () => "quick"]);
    await until(() => find(taskTree(), "allSettled[0]")?.state === "running");
    await group.stop("bye");
    const result = await outcome(group.wait());
    expect((result as { error: Stopped }).error.reason).toBe("bye");
    expect(events).toEqual(["a:stopped bye", "a:finally"]);
  });
});

describe("race", () => {
  test("settles with the first to settle, and stops the rest before settling", async () => {
    const events: string[] = [];
    const winner = await race([
      waitsForever(events, "slow"),
      async () => {
        await sleep(2);
        return "fast";
      },
    ]);
    events.push(`won: ${winner}`);
    expect(events).toEqual([
      "slow:stopped race: another task settled first",
      "slow:finally",
      "won: fast",
    ]);
  });

  test("a failure that comes first rejects the race", async () => {
    const events: string[] = [];
    const result = await outcome(
      race([
        waitsForever(events, "slow"),
        () => {
          throw new Error("first to settle");
        },
      ]).wait(),
    );
    expect((result as { error: Error }).error.message).toBe("first to settle");
    expect(events).toEqual(["slow:stopped race: another task settled first", "slow:finally"]);
  });

  test("a task that already finished wins at once, and no function runs", async () => {
    const finished = spawn(() => "ready", { name: "finished" });
    await finished;
    let ran = false;
    expect(
      await race([
        () => {
          ran = true;
        },
        finished,
      ]),
    ).toBe("ready");
    expect(ran).toBe(false);
  });

  test("a losing task that was passed in is left running, for whoever else waits on it", async () => {
    const loser = new ManualTask<string>({ name: "loser" });
    expect(await race([loser, () => "quick"])).toBe("quick");
    expect(loser.isStopped).toBe(false);
    loser.resolve("late");
    expect(await loser).toBe("late");
  });

  test("stopping the race stops every piece", async () => {
    const events: string[] = [];
    const group = race([waitsForever(events, "a"), waitsForever(events, "b")], { name: "mirrors" });
    await until(() => events.length === 0 && find(taskTree(), "mirrors[1]") !== undefined);
    await group.stop("cancelled");
    expect(events.sort()).toEqual([
      "a:finally",
      "a:stopped cancelled",
      "b:finally",
      "b:stopped cancelled",
    ]);
  });
});

describe("any", () => {
  test("resolves with the first success, ignoring failures, and stops the rest", async () => {
    const events: string[] = [];
    const value = await any([
      () => {
        throw new Error("down");
      },
      async () => {
        await sleep(2);
        return "mirror b";
      },
      waitsForever(events, "c"),
    ]);
    expect(value).toBe("mirror b");
    expect(events).toEqual(["c:stopped any: another task succeeded", "c:finally"]);
  });

  test("rejects with an AggregateError of every error, in input order, when all fail", async () => {
    const result = await outcome(
      any([
        async () => {
          await sleep(3);
          throw new Error("late");
        },
        () => {
          throw new Error("early");
        },
      ]).wait(),
    );
    const error = (result as { error: AggregateError }).error;
    expect(error).toBeInstanceOf(AggregateError);
    expect(error.message).toBe("any: all 2 tasks failed");
    expect(error.errors.map((e: Error) => e.message)).toEqual(["late", "early"]);
  });

  test("an empty any rejects with an AggregateError, as Promise.any([]) does", async () => {
    const result = await outcome(any([]).wait());
    expect((result as { error: AggregateError }).error.errors).toEqual([]);
  });
});

describe("no child outlives its combinator", () => {
  test.each([
    ["all", all],
    ["allSettled", allSettled],
    ["race", race],
    ["any", any],
  ] as const)(
    "%s: after it settles, no child of it is left in taskTree()",
    async (name, combinator) => {
      const pieces = [
        () => sleep(Number.POSITIVE_INFINITY),
        async () => {
          await sleep(1);
          throw new Error("x");
        },
        async () => {
          await sleep(1);
          return 1;
        },
      ];
      const group = (combinator as (work: unknown, options: unknown) => Task)(
        name === "allSettled" ? pieces.slice(1) : pieces,
        { name: `${name}-group` },
      );
      await outcome(group.wait());
      expect(find(taskTree(), `${name}-group`)).toBeUndefined();
      expect(taskTree().some((node) => node.name.startsWith(`${name}-group[`))).toBe(false);
    },
  );
});

import { AsyncLocalStorage } from "node:async_hooks";
import { mapConcurrent, sleep } from "@gentletask/primitives";
import { Stopped, spawn, taskChain, taskTree } from "@gentletask/tasks";
import { describe, expect, test } from "vitest";
import { outcome, until } from "./support.js";

describe("mapConcurrent", () => {
  test("maps with at most n at once and keeps input order", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await sleep(n);
      running -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
  });

  test("takes an async iterable, and reads an item only when a slot is free", async () => {
    const events: string[] = [];
    async function* source() {
      for (let i = 0; i < 4; i++) {
        events.push(`read ${i}`);
        yield i;
      }
    }
    const results = await mapConcurrent(source(), 1, async (n, index) => {
      events.push(`map ${n} at ${index}`);
      await sleep(1);
      return n;
    });
    expect(results).toEqual([0, 1, 2, 3]);
    expect(events).toEqual([
      "read 0",
      "map 0 at 0",
      "read 1",
      "map 1 at 1",
      "read 2",
      "map 2 at 2",
      "read 3",
      "map 3 at 3",
    ]);
  });

  test("never reads an endless source ahead, and closes it when stopped", async () => {
    let read = 0;
    let closed = false;
    function* endless() {
      try {
        for (;;) {
          read += 1;
          yield read;
        }
      } finally {
        closed = true;
      }
    }
    const task = mapConcurrent(endless(), 3, () => sleep(Number.POSITIVE_INFINITY));
    await until(() => read === 3);
    await sleep(5);
    expect(read).toBe(3);
    await task.stop("enough");
    expect(closed).toBe(true);
    const result = await outcome(task.wait());
    expect((result as { error: Stopped }).error).toBeInstanceOf(Stopped);
  });

  test("fails fast: the first failure stops the running calls, reads no more, and rejects after they exited", async () => {
    const events: string[] = [];
    const task = mapConcurrent([0, 1, 2, 3, 4, 5], 3, async (n) => {
      if (n === 1) {
        await sleep(2);
        throw new Error(`item ${n} failed`);
      }
      try {
        await sleep(Number.POSITIVE_INFINITY);
      } catch (error) {
        events.push(`${n} stopped: ${(error as Stopped).reason}`);
        throw error;
      } finally {
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`${n} finally`);
      }
    });
    const result = await outcome(task.wait());
    events.push("settled");
    expect((result as { error: Error }).error.message).toBe("item 1 failed");
    expect(events).toEqual([
      "0 stopped: mapConcurrent: another task failed",
      "2 stopped: mapConcurrent: another task failed",
      "0 finally",
      "2 finally",
      "settled",
    ]);
  });

  test("an error thrown by the iterable fails the map and stops the running calls", async () => {
    const events: string[] = [];
    async function* broken() {
      yield 1;
      await sleep(2);
      throw new Error("source broke");
    }
    const result = await outcome(
      mapConcurrent(broken(), 2, async () => {
        try {
          await sleep(Number.POSITIVE_INFINITY);
        } finally {
          events.push("call cleaned up");
        }
      }).wait(),
    );
    expect((result as { error: Error }).error.message).toBe("source broke");
    expect(events).toEqual(["call cleaned up"]);
  });

  test("each call is a child task in the caller's context, shown in taskTree()", async () => {
    const storage = new AsyncLocalStorage<string>();
    const seen: unknown[] = [];
    const caller = spawn(
      () =>
        storage.run("batch-9", () =>
          mapConcurrent(
            ["a", "b"],
            2,
            async function resize(file) {
              seen.push([file, taskChain(), storage.getStore()]);
              await sleep(Number.POSITIVE_INFINITY);
            },
            { name: "thumbnails" },
          ).wait(),
        ),
      { name: "job" },
    );
    await until(() => seen.length === 2);
    const job = taskTree().find((node) => node.name === "job");
    expect(job?.children[0]?.name).toBe("thumbnails");
    expect(job?.children[0]?.children.map((node) => node.name)).toEqual(["resize", "resize"]);
    await caller.stop("cancelled");
    expect(seen).toEqual([
      ["a", ["job", "thumbnails", "resize"], "batch-9"],
      ["b", ["job", "thumbnails", "resize"], "batch-9"],
    ]);
    expect(taskTree().find((node) => node.name === "job")).toBeUndefined();
  });

  test("an empty source gives []", async () => {
    expect(await mapConcurrent([], 4, (x) => x)).toEqual([]);
  });
});

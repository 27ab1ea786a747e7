import { expect, test } from "vitest";
import { type AsyncTask, ManualTask, Stopped, spawn } from "../src/index.ts";
import { runScript } from "./support/child-process.ts";
import { nextTurn } from "./support/turns.ts";

test("a child's failure nobody observed goes up: the parent is stopped with it and fails with it", async () => {
  const events: string[] = [];
  const failure = new Error("child broke");
  const parent = spawn(
    async () => {
      spawn(
        () => {
          throw failure;
        },
        { name: "child" },
      );
      try {
        await new ManualTask();
      } catch (error) {
        events.push(`parent woke: ${(error as Stopped).reason === failure}`);
        return "the body's own result is not delivered";
      }
    },
    { name: "parent" },
  );
  const outcome = parent.wait().catch((e: unknown) => e);
  expect(await outcome).toBe(failure);
  expect(parent.stopReason).toBe(failure);
  expect(events).toEqual(["parent woke: true"]);
});

test("several unobserved child failures become one AggregateError, and go up the tree", async () => {
  const grandparent = spawn(
    async () => {
      spawn(
        async () => {
          spawn(() => {
            throw new Error("one");
          });
          spawn(async () => {
            throw new Error("two");
          });
          await new ManualTask();
        },
        { name: "middle" },
      );
      await new ManualTask();
    },
    { name: "top" },
  );
  const error = await grandparent.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AggregateError);
  expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual(["one", "two"]);
});

test("a child awaited by its parent is observed: nothing goes up", async () => {
  const parent = spawn(async () => {
    const child = spawn(() => {
      throw new Error("handled");
    });
    await child.wait().catch(() => {});
    return "fine";
  });
  expect(await parent).toBe("fine");
  expect(parent.isStopped).toBe(false);
});

test("a child whose failure a finish callback takes is observed", async () => {
  const seen: unknown[] = [];
  const parent = spawn(async () => {
    spawn(
      () => {
        throw new Error("seen by a callback");
      },
      { onFinish: (_result, error) => seen.push((error as Error).message) },
    );
    await nextTurn();
    await nextTurn();
    return "fine";
  });
  expect(await parent).toBe("fine");
  expect(seen).toEqual(["seen by a callback"]);
});

test("a cleanup that throws after a stop is a failure like any other", async () => {
  const parent = spawn(async () => {
    spawn(
      async () => {
        try {
          await new ManualTask();
        } finally {
          // biome-ignore lint/correctness/noUnsafeFinally: a cleanup that throws, under test.
          throw new Error("cleanup failed");
        }
      },
      { name: "worker" },
    );
    await new ManualTask();
  });
  await nextTurn();
  await parent.stop("SIGINT");
  const error = await parent.wait().catch((e: unknown) => e);
  expect((error as Error).message).toBe("cleanup failed");
});

test("the Stopped a stop asked for is not a failure: a stopped tree ends quietly", async () => {
  const parent = spawn(async () => {
    spawn(() => new ManualTask().wait());
    await new ManualTask();
  });
  await nextTurn();
  await parent.stop("bye");
  const error = await parent.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
});

test("an AbortError caused by the task's own stop is a stop too", async () => {
  const { setTimeout: delay } = await import("node:timers/promises");
  const parent = spawn(async () => {
    const child: AsyncTask<unknown> = spawn(() =>
      delay(60_000, undefined, { signal: child.signal }),
    );
    await new ManualTask();
  });
  await nextTurn();
  await parent.stop("bye");
  expect(await parent.wait().catch((e: unknown) => e)).toBeInstanceOf(Stopped);
});

test("a parent whose body ends with the AbortError its stop caused fails with the child's failure alone", async () => {
  const { setTimeout: delay } = await import("node:timers/promises");
  const failure = new Error("child broke");
  const parent: AsyncTask<unknown> = spawn(async () => {
    spawn(
      () => {
        throw failure;
      },
      { name: "child" },
    );
    await delay(60_000, undefined, { signal: parent.signal });
  });
  // Not an AggregateError of [AbortError, failure]: the AbortError only says "stopped".
  expect(await parent.wait().catch((e: unknown) => e)).toBe(failure);
});

test("a Stopped that reached a task not itself stopped (it awaited a stopped task) does not go up", async () => {
  const shared = new ManualTask<string>({ name: "shared" });
  const parent = spawn(async () => {
    spawn(() => shared.wait(), { name: "reader" });
    await nextTurn();
    shared.stop("cancelled upstream");
    await nextTurn();
    await nextTurn();
    return "parent unaffected";
  });
  expect(await parent).toBe("parent unaffected");
});

test("a child that stops its parent and then fails, while the parent's body is still running, fails the parent", async () => {
  // The failure is queued while the parent runs; the parent's body then
  // catches its Stopped and returns, with no child left: its outcome must
  // still wait for the failure on its way up.
  const failure = new Error("failed after stopping the parent");
  const parent: AsyncTask<void> = spawn(
    async () => {
      const child = spawn(
        () => {
          void parent.stop("stopped by the child");
          throw failure;
        },
        { name: "child" },
      );
      await child.wait().catch(() => {});
    },
    { name: "parent" },
  );
  expect(await parent.wait().catch((e: unknown) => e)).toBe(failure);
});

test("a MultiTask made inside a stopped task takes no outcome, so it hides no failure (fresh seed 787416209)", () => {
  // The member's failure then goes up to the top: a real unhandled rejection, in a fresh process.
  const result = runScript(`
    const rejections = [];
    process.on("unhandledRejection", (reason) => rejections.push(reason));
    const { ManualTask, MultiTask, spawn } = await import(TASKS);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const failure = new Error("member failed");
    const member = new ManualTask({ name: "member" });
    let multi;
    const parent = spawn(async () => {
      await new ManualTask().wait().catch(() => {});
      // Stopped by now: the MultiTask settles with Stopped as it is made.
      multi = new MultiTask([member]);
    }, { name: "parent" });
    await turn();
    await parent.stop("enough");
    member.fail(failure);
    await turn(); await turn();
    console.log(JSON.stringify([multi.isDone, rejections.map((r) => r.cause === failure)]));
  `);
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual([true, [true]]);
});

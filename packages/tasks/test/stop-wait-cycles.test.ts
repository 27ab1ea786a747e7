import { runShielded } from "@gentletask/semantic-stack/task-record";
import { afterEach, beforeEach, expect, test } from "vitest";
import {
  type AsyncTask,
  currentTask,
  ManualTask,
  MultiTask,
  Stopped,
  spawn,
} from "../src/index.ts";
import { nextTurn } from "./support/turns.ts";

// `await task.stop()` is a wait no stop ends: one that could never end must
// reject at once with an Error naming the tasks, as such a `wait` does.

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

test("awaiting the stop of a task whose MultiTask waits on the caller rejects at once (property seed 11)", async () => {
  const gate = new ManualTask<void>({ name: "gate" });
  let outcome: unknown;
  const root = spawn(
    async () => {
      const self = currentTask() as AsyncTask<unknown>;
      const holder = spawn(() => new MultiTask([self]).wait(), { name: "holder", detach: true });
      await nextTurn();
      // holder's MultiTask (its child) stops and waits for root; root waits for holder's exit.
      outcome = await holder.stop("enough").catch((e: unknown) => e);
      gate.resolve();
    },
    { name: "root" },
  );
  await gate;
  expect(outcome).toMatchInlineSnapshot(
    `[Error: stop: a cycle of tasks waiting on each other would never finish: "root" -> "holder" -> "multi" -> "root"]`,
  );
  // The stop still happened (the MultiTask stopped root), and everything ends.
  expect(root.isStopped).toBe(true);
  await root.stop();
  await nextTurn();
  expect(unhandled).toEqual([]);
});

test("a task awaiting its own stop, or its parent's, rejects at once; a stop nobody awaits stays quiet", async () => {
  const outcomes: unknown[] = [];
  const parent = spawn(
    async () => {
      const child = spawn(
        async () => {
          outcomes.push(await (parent as AsyncTask<unknown>).stop("from child").catch((e) => e));
        },
        { name: "child" },
      );
      await child.wait().catch(() => {});
    },
    { name: "parent" },
  );
  await parent.wait().catch(() => {});
  const self = spawn(
    async () => {
      (currentTask() as AsyncTask<unknown>).stop("fire and forget");
      outcomes.push(await (currentTask() as AsyncTask<unknown>).stop().catch((e) => e));
    },
    { name: "self" },
  );
  await parent.stop();
  await self.stop();
  expect(outcomes).toMatchInlineSnapshot(`
    [
      [Error: stop: task "child" awaits the stop of its own ancestor "parent", which cannot end before "child" exits],
      [Error: stop: task "self" awaits its own stop, which cannot end before it exits],
    ]
  `);
  await nextTurn();
  expect(unhandled).toEqual([]);
});

test("two tasks awaiting each other's stop: the second stop rejects at once", async () => {
  const tasks: { a?: AsyncTask<unknown>; b?: AsyncTask<unknown> } = {};
  const outcomes: string[] = [];
  tasks.a = spawn(
    async () => {
      await nextTurn();
      await (tasks.b as AsyncTask<unknown>).stop("a stops b");
      outcomes.push("a saw b exit");
    },
    { name: "a" },
  );
  tasks.b = spawn(
    async () => {
      // Stopped by a while waiting here; carries on (a broad catch) and awaits a's stop.
      await new ManualTask().wait().catch(() => {});
      const error = await (tasks.a as AsyncTask<unknown>).stop("b stops a").catch((e) => e);
      outcomes.push(String(error));
    },
    { name: "b" },
  );
  await Promise.all([tasks.a.wait().catch(() => {}), tasks.b.wait().catch(() => {})]);
  expect(outcomes).toMatchInlineSnapshot(`
    [
      "Error: stop: a cycle of tasks waiting on each other would never finish: "b" -> "a" -> "b"",
      "a saw b exit",
    ]
  `);
});

test("awaiting the stop of a task that awaits you (a stop-aware wait) still resolves once it has exited", async () => {
  const order: string[] = [];
  const tasks: { a?: AsyncTask<unknown>; b?: AsyncTask<unknown> } = {};
  tasks.a = spawn(
    async () => {
      try {
        await (tasks.b as AsyncTask<unknown>).wait();
      } finally {
        order.push("a exits");
      }
    },
    { name: "a" },
  );
  tasks.b = spawn(
    async () => {
      await nextTurn();
      await (tasks.a as AsyncTask<unknown>).stop("b stops a");
      order.push("b saw a exit");
    },
    { name: "b" },
  );
  await tasks.b;
  expect(order).toEqual(["a exits", "b saw a exit"]);
  await expect(tasks.a.wait()).rejects.toBeInstanceOf(Stopped);
});

test("a wait made after the stop, closing a cycle back to a task awaiting that stop, rejects at once", async () => {
  let fromCleanup: unknown;
  const tasks: { caller?: AsyncTask<unknown> } = {};
  const stopped = spawn(
    async () => {
      try {
        await new ManualTask().wait();
      } finally {
        // caller awaits this task's exit, which waits for this shielded wait on caller.
        fromCleanup = await runShielded(() =>
          (tasks.caller as AsyncTask<unknown>).wait().catch((e: unknown) => e),
        );
      }
    },
    { name: "stopped" },
  );
  tasks.caller = spawn(
    async () => {
      await nextTurn();
      await stopped.stop("caller stops it");
      return "caller saw it exit";
    },
    { name: "caller" },
  );
  expect(await tasks.caller).toBe("caller saw it exit");
  expect(fromCleanup).toMatchInlineSnapshot(
    `[Error: wait: a cycle of tasks waiting on each other would never finish: "stopped" -> "caller" -> "stopped"]`,
  );
});

import assert from "node:assert/strict";
import { Queue, sleep } from "@gentletask/primitives";
import { SerialWorker, Stopped, spawn, taskChain } from "@gentletask/tasks";
import { test } from "./harness.mjs";

test("stop cascades to every descendant, and cleanup runs innermost first", async () => {
  const events = [];
  const leaf = async () => {
    try {
      await sleep(Number.POSITIVE_INFINITY);
    } finally {
      events.push(`leaf cleaned up in ${JSON.stringify(taskChain())}`);
    }
  };
  const root = spawn(
    async () => {
      const middle = spawn(() => spawn(leaf, { name: "leaf" }), { name: "middle" });
      try {
        await middle;
      } finally {
        events.push("root cleaned up");
      }
    },
    { name: "root" },
  );
  await sleep(10);
  await root.stop("operator");
  assert.deepEqual(events, ['leaf cleaned up in ["root","middle","leaf"]', "root cleaned up"]);
  assert.equal(root.isStopped, true);
  await assert.rejects(
    Promise.resolve(root),
    (error) => error instanceof Stopped && error.reason === "operator",
  );
});

test("the throughline survives awaits, timers and sleeps", async () => {
  const seen = await spawn(
    async () => {
      const chains = [taskChain()];
      await Promise.resolve();
      chains.push(taskChain());
      await new Promise((resolve) => setTimeout(resolve, 5));
      chains.push(taskChain());
      chains.push(await new Promise((resolve) => setTimeout(() => resolve(taskChain()), 5)));
      await sleep(5);
      chains.push(await spawn(() => taskChain(), { name: "child" }));
      return chains;
    },
    { name: "job" },
  );
  assert.deepEqual(seen, [["job"], ["job"], ["job"], ["job"], ["job", "child"]]);
});

test("a queue hands items across tasks in order, and a stopped get rejects with Stopped", async () => {
  const queue = new Queue(2);
  const consumer = spawn(
    async () => {
      const got = [];
      for (let i = 0; i < 3; i += 1) got.push([await queue.get(), taskChain()]);
      return got;
    },
    { name: "consumer" },
  );
  await spawn(
    async () => {
      for (const item of ["a", "b", "c"]) await queue.put(item);
    },
    { name: "producer" },
  );
  assert.deepEqual(await consumer, [
    ["a", ["consumer"]],
    ["b", ["consumer"]],
    ["c", ["consumer"]],
  ]);
  const waiter = spawn(() => queue.get(), { name: "waiter" });
  await sleep(5);
  await waiter.stop("enough");
  await assert.rejects(Promise.resolve(waiter), Stopped);
});

test("a SerialWorker runs jobs one at a time, in order, in the submitter's throughline", async () => {
  const worker = new SerialWorker("calibrator");
  const order = [];
  const job = (label) => async () => {
    order.push(`start ${label}`);
    await sleep(5);
    order.push(`end ${label}`);
    return taskChain();
  };
  const [first, second] = await spawn(
    () =>
      Promise.all([worker.submit(job("a"), { name: "a" }), worker.submit(job("b"), { name: "b" })]),
    { name: "submitter" },
  );
  assert.deepEqual(order, ["start a", "end a", "start b", "end b"]);
  assert.deepEqual(first, ["submitter", "a"]);
  assert.deepEqual(second, ["submitter", "b"]);
  await worker.stop();
  assert.equal(worker.isStopped, true);
});

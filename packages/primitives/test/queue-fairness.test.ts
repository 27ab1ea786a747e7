import { Queue } from "@gentletask/primitives";
import { currentTask, Stopped, spawn } from "@gentletask/tasks";
import { expect, test } from "vitest";
import { nextTurn, outcome, until } from "./support.js";

test("waiting gets are served in arrival order", async () => {
  const queue = new Queue<number>();
  const order: string[] = [];
  const getters = ["a", "b", "c", "d"].map((name) =>
    queue.get().then((item) => order.push(`${name}:${item}`)),
  );
  for (let i = 1; i <= 4; i++) queue.putNowait(i);
  await Promise.all(getters);
  expect(order).toEqual(["a:1", "b:2", "c:3", "d:4"]);
});

test("waiting puts are let in, in arrival order, as room opens", async () => {
  const queue = new Queue<string>(1);
  queue.putNowait("first");
  const puts = ["a", "b", "c"].map((item) => queue.put(item));
  const out: string[] = [];
  for (let i = 0; i < 4; i++) out.push(await queue.get());
  await Promise.all(puts);
  expect(out).toEqual(["first", "a", "b", "c"]);
});

test("a get that timed out never swallows an item: the next item goes to a live waiter", async () => {
  const queue = new Queue<string>();
  const quitter = outcome(queue.get({ timeoutMs: 1 }));
  const patient = queue.get();
  expect((await quitter).ok).toBe(false);
  queue.putNowait("item");
  expect(await patient).toBe("item");
  expect(queue.qsize()).toBe(0);
});

test("a get whose task was stopped never swallows an item: it stays queued for the next get", async () => {
  const queue = new Queue<string>();
  const task = spawn(() => queue.get(), { name: "quitter" });
  await nextTurn();
  await task.stop("bye");
  expect((await outcome(task.wait())).ok).toBe(false);
  queue.putNowait("item");
  expect(queue.qsize()).toBe(1);
  expect(await queue.get()).toBe("item");
});

test("an item put by a stop callback that runs before the waiter's own is not handed to the stopped waiter", async () => {
  const queue = new Queue<string>();
  let got: unknown;
  const task = spawn(async () => {
    // Registered before the get registers its own callback, so it runs first.
    currentTask()?.addStopCallback(() => queue.putNowait("put during the stop"));
    got = await outcome(queue.get());
  });
  await nextTurn();
  await task.stop("now");
  expect((got as { ok: boolean }).ok).toBe(false);
  expect((got as { error: unknown }).error).toBeInstanceOf(Stopped);
  expect(queue.getNowait()).toBe("put during the stop");
});

test("many getters, some giving up by timeout or stop: every item reaches a live getter, none is lost", async () => {
  const queue = new Queue<number>();
  const received: number[] = [];
  const quitters = [];
  const tasks = [];
  const live = [];
  for (let i = 0; i < 30; i++) {
    if (i % 3 === 0) quitters.push(outcome(queue.get({ timeoutMs: 1 })));
    else if (i % 3 === 1) {
      const task = spawn(() => queue.get());
      tasks.push(task);
      quitters.push(outcome(task.wait()));
      // Start the next getter only once this task's get is waiting.
      await nextTurn();
    } else live.push(queue.get().then((item) => received.push(item)));
  }
  for (const task of tasks) void task.stop();
  await Promise.all(quitters);
  for (let i = 0; i < 15; i++) queue.putNowait(i);
  await Promise.all(live);
  expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(queue.qsize()).toBe(5);
});

test("a put whose task was stopped, or that timed out, never enqueues its item", async () => {
  const queue = new Queue<string>(1);
  queue.putNowait("first");
  const stoppedPut = spawn(() => queue.put("from a stopped task"));
  const timedOut = outcome(queue.put("too late", { timeoutMs: 1 }));
  const patient = queue.put("patient");
  await nextTurn();
  await stoppedPut.stop("no room for you");
  const stopped = await outcome(stoppedPut.wait());
  expect((stopped as { error: unknown }).error).toBeInstanceOf(Stopped);
  expect((await timedOut).ok).toBe(false);
  expect(queue.getNowait()).toBe("first");
  await patient;
  expect(queue.getNowait()).toBe("patient");
  expect(queue.qsize()).toBe(0);
});

test("a get in a stopped task takes nothing, even when items are waiting", async () => {
  const queue = new Queue<string>();
  queue.putNowait("keep me");
  let second: unknown;
  const task = spawn(async () => {
    await outcome(new Queue().get());
    second = await outcome(queue.get());
  });
  await nextTurn();
  await task.stop();
  await until(() => second !== undefined);
  expect((second as { error: unknown }).error).toBeInstanceOf(Stopped);
  expect(queue.qsize()).toBe(1);
});

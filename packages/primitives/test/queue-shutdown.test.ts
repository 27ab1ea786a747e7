import { Queue, QueueShutDown } from "@gentletask/primitives";
import { Stopped, spawn } from "@gentletask/tasks";
import { describe, expect, test } from "vitest";
import { nextTurn, outcome } from "./support.js";

const errorOf = async (promise: Promise<unknown>) => {
  const result = await outcome(promise);
  if (result.ok) throw new Error("expected a rejection");
  return result.error as Error;
};

describe("Queue#shutdown (Python 3.13's Queue.shutdown)", () => {
  test("later puts throw QueueShutDown and add nothing", async () => {
    const queue = new Queue<number>();
    queue.putNowait(1);
    queue.shutdown();
    expect(queue.isShutDown).toBe(true);
    expect(() => queue.putNowait(2)).toThrowErrorMatchingInlineSnapshot(
      `[QueueShutDown: Queue#putNowait: the queue is shut down]`,
    );
    const error = await errorOf(queue.put(3));
    expect(error).toBeInstanceOf(QueueShutDown);
    expect(error.name).toBe("QueueShutDown");
    expect(error.message).toMatchInlineSnapshot(`"Queue#put: the queue is shut down"`);
    expect(queue.qsize()).toBe(1);
  });

  test("gets drain what is left, then throw QueueShutDown", async () => {
    const queue = new Queue<string>();
    queue.putNowait("a");
    queue.putNowait("b");
    queue.shutdown();
    expect(await queue.get()).toBe("a");
    expect(queue.getNowait()).toBe("b");
    expect(() => queue.getNowait()).toThrowErrorMatchingInlineSnapshot(
      `[QueueShutDown: Queue#getNowait: the queue is shut down]`,
    );
    const error = await errorOf(queue.get());
    expect(error).toBeInstanceOf(QueueShutDown);
    expect(error.message).toMatchInlineSnapshot(`"Queue#get: the queue is shut down"`);
    // A deadline does not turn it into QueueEmpty.
    expect(await errorOf(queue.get({ timeoutMs: 0 }))).toBeInstanceOf(QueueShutDown);
  });

  test("a get waiting on an empty queue rejects with QueueShutDown at once", async () => {
    const queue = new Queue<number>();
    const waiting = [queue.get(), queue.get({ timeoutMs: 60_000 })];
    queue.shutdown();
    for (const wait of waiting) expect(await errorOf(wait)).toBeInstanceOf(QueueShutDown);
  });

  test("a put waiting for room rejects with QueueShutDown, and its item stays out", async () => {
    const queue = new Queue<string>(1);
    queue.putNowait("in");
    const blocked = queue.put("out");
    queue.shutdown();
    expect(await errorOf(blocked)).toBeInstanceOf(QueueShutDown);
    expect(queue.getNowait()).toBe("in");
    expect(queue.empty()).toBe(true);
  });

  test("for await reads what is left, then ends normally", async () => {
    const queue = new Queue<number>();
    const read: number[] = [];
    const reader = spawn(
      async () => {
        for await (const item of queue) read.push(item);
        return "loop ended";
      },
      { name: "reader" },
    );
    queue.putNowait(1);
    await nextTurn();
    queue.putNowait(2);
    queue.putNowait(3);
    queue.shutdown();
    expect(await reader).toBe("loop ended");
    expect(read).toEqual([1, 2, 3]);
  });

  test("for await outside any task ends normally too", async () => {
    const queue = new Queue<number>();
    queue.putNowait(7);
    queue.shutdown();
    const read: number[] = [];
    for await (const item of queue) read.push(item);
    expect(read).toEqual([7]);
  });

  test("immediate drops what is left, wakes every waiter, and releases join", async () => {
    const queue = new Queue<number>(2);
    queue.putNowait(1);
    queue.putNowait(2);
    const putter = queue.put(3);
    const joined = queue.join();
    queue.shutdown({ immediate: true });
    expect(queue.qsize()).toBe(0);
    expect(await errorOf(putter)).toBeInstanceOf(QueueShutDown);
    await joined; // both dropped items count as done
    expect(await errorOf(queue.get())).toBeInstanceOf(QueueShutDown);
    expect(() => queue.taskDone()).toThrow(Error);
  });

  test("immediate keeps join waiting for items already taken but not done", async () => {
    const queue = new Queue<number>();
    queue.putNowait(1);
    queue.putNowait(2);
    expect(queue.getNowait()).toBe(1);
    let joined = false;
    const join = queue.join().then(() => {
      joined = true;
    });
    queue.shutdown({ immediate: true });
    await nextTurn();
    expect(joined).toBe(false);
    queue.taskDone();
    await join;
    expect(joined).toBe(true);
  });

  test("a second shutdown changes nothing, and immediate after a plain one drops the rest", async () => {
    const queue = new Queue<number>();
    queue.putNowait(1);
    queue.putNowait(2);
    queue.shutdown();
    queue.shutdown();
    expect(queue.qsize()).toBe(2);
    queue.shutdown({ immediate: true });
    expect(queue.qsize()).toBe(0);
    await queue.join();
  });

  test("stop still wins inside a stopped task: its get rejects with Stopped", async () => {
    const queue = new Queue<number>();
    queue.putNowait(1);
    queue.shutdown();
    const task = spawn(
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        return queue.get();
      },
      { name: "late" },
    );
    await task.stop("enough");
    expect(await errorOf(task.wait())).toBeInstanceOf(Stopped);
    expect(queue.qsize()).toBe(1);
  });

  test("a reader task blocked in for await ends normally when the queue shuts down", async () => {
    const queue = new Queue<string>();
    const events: string[] = [];
    const reader = spawn(
      async () => {
        try {
          for await (const line of queue) events.push(line);
          events.push("ended");
        } finally {
          events.push("finally");
        }
      },
      { name: "reader" },
    );
    await nextTurn();
    queue.shutdown({ immediate: true });
    await reader;
    expect(events).toEqual(["ended", "finally"]);
    expect(reader.isStopped).toBe(false);
  });

  test("bad options are refused, and the queue stays open", () => {
    const queue = new Queue<number>();
    expect(() => queue.shutdown(1 as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: Queue#shutdown: expected \`options\` to be an object, got 1 (number)]`,
    );
    expect(() => queue.shutdown({ immediate: "yes" as never })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: Queue#shutdown: expected \`options.immediate\` to be a boolean, got "yes" (string)]`,
    );
    expect(queue.isShutDown).toBe(false);
    queue.putNowait(1);
    expect(queue.qsize()).toBe(1);
  });
});

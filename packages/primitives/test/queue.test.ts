import { Queue, QueueEmpty, QueueFull } from "@gentletask/primitives";
import { Stopped, spawn } from "@gentletask/tasks";
import { describe, expect, test, vi } from "vitest";
import { nextTurn, outcome, ProtocolTask, until, withFakeTimeouts } from "./support.js";

describe("Queue basics", () => {
  test("items come out first in, first out", async () => {
    const queue = new Queue<number>();
    for (let i = 0; i < 5; i++) await queue.put(i);
    const out: number[] = [];
    for (let i = 0; i < 5; i++) out.push(await queue.get());
    expect(out).toEqual([0, 1, 2, 3, 4]);
  });

  test("maxsize 0 (the default) is unbounded", async () => {
    const queue = new Queue<number>();
    for (let i = 0; i < 10_000; i++) await queue.put(i);
    expect(queue.qsize()).toBe(10_000);
    expect(queue.full()).toBe(false);
    expect(queue.maxsize).toBe(0);
  });

  test("qsize, empty and full report the contents", () => {
    const queue = new Queue<string>(2);
    expect([queue.qsize(), queue.empty(), queue.full()]).toEqual([0, true, false]);
    queue.putNowait("a");
    expect([queue.qsize(), queue.empty(), queue.full()]).toEqual([1, false, false]);
    queue.putNowait("b");
    expect([queue.qsize(), queue.empty(), queue.full()]).toEqual([2, false, true]);
    queue.getNowait();
    expect([queue.qsize(), queue.empty(), queue.full()]).toEqual([1, false, false]);
  });

  test("getNowait on an empty queue and putNowait on a full one throw at once", () => {
    const queue = new Queue<string>(1);
    expect(() => queue.getNowait()).toThrow(QueueEmpty);
    queue.putNowait("only");
    expect(() => queue.putNowait("more")).toThrow(QueueFull);
    expect(queue.getNowait()).toBe("only");
    const empty = (() => {
      try {
        queue.getNowait();
      } catch (error) {
        return error as Error;
      }
    })();
    expect(empty?.name).toBe("QueueEmpty");
    expect(empty?.message).toMatchInlineSnapshot(`"Queue#getNowait: the queue is empty"`);
  });

  test("get waits for an item; a full queue makes put wait for room", async () => {
    const queue = new Queue<string>(1);
    const got = queue.get();
    queue.putNowait("x");
    expect(await got).toBe("x");
    await queue.put("a");
    let putDone = false;
    const put = queue.put("b").then(() => {
      putDone = true;
    });
    await nextTurn();
    expect(putDone).toBe(false);
    expect(queue.getNowait()).toBe("a");
    await put;
    expect(queue.getNowait()).toBe("b");
  });

  test("with timeoutMs, get rejects with QueueEmpty and put with QueueFull; 0 means at once", async () => {
    const queue = new Queue<number>(1);
    const empty = await outcome(queue.get({ timeoutMs: 5 }));
    expect((empty as { error: unknown }).error).toBeInstanceOf(QueueEmpty);
    expect((empty as { error: Error }).error.message).toMatchInlineSnapshot(
      `"Queue#get: no item arrived within the timeout"`,
    );
    const immediatelyEmpty = await outcome(queue.get({ timeoutMs: 0 }));
    expect((immediatelyEmpty as { error: unknown }).error).toBeInstanceOf(QueueEmpty);
    queue.putNowait(1);
    const full = await outcome(queue.put(2, { timeoutMs: 5 }));
    expect((full as { error: unknown }).error).toBeInstanceOf(QueueFull);
    const immediatelyFull = await outcome(queue.put(2, { timeoutMs: 0 }));
    expect((immediatelyFull as { error: unknown }).error).toBeInstanceOf(QueueFull);
    expect(queue.qsize()).toBe(1);
    expect(await queue.get({ timeoutMs: 0 })).toBe(1);
  });

  test("a get or put that ends leaves no stop callback and no timer behind", async () => {
    await withFakeTimeouts(async () => {
      const task = new ProtocolTask();
      await task.run(async () => {
        const queue = new Queue<number>(1);
        const got = queue.get({ timeoutMs: 60_000 });
        expect([task.callbacks.size, vi.getTimerCount()]).toEqual([1, 1]);
        queue.putNowait(1);
        await got;
        expect([task.callbacks.size, vi.getTimerCount()]).toEqual([0, 0]);
        const timingOut = outcome(queue.get({ timeoutMs: 1 }));
        await vi.advanceTimersByTimeAsync(1);
        expect((await timingOut).ok).toBe(false);
        queue.putNowait(2);
        const put = queue.put(3, { timeoutMs: 60_000 });
        expect([task.callbacks.size, vi.getTimerCount()]).toEqual([1, 1]);
        queue.getNowait();
        await put;
        expect([task.callbacks.size, vi.getTimerCount()]).toEqual([0, 0]);
        const full = outcome(queue.put(4, { timeoutMs: 1 }));
        await vi.advanceTimersByTimeAsync(1);
        expect((await full).ok).toBe(false);
      });
      expect([task.callbacks.size, vi.getTimerCount()]).toEqual([0, 0]);
    });
  });
});

describe("taskDone and join", () => {
  test("join resolves once taskDone was called for every item put", async () => {
    const queue = new Queue<number>();
    await queue.join();
    queue.putNowait(1);
    await queue.put(2);
    let joined = false;
    const join = queue.join().then(() => {
      joined = true;
    });
    queue.getNowait();
    queue.taskDone();
    await nextTurn();
    expect(joined).toBe(false);
    queue.getNowait();
    queue.taskDone();
    await join;
    expect(joined).toBe(true);
  });

  test("items handed straight to a waiting get, and items let in from a waiting put, count too", async () => {
    const queue = new Queue<number>(1);
    const got = queue.get();
    queue.putNowait(1);
    await got;
    queue.putNowait(2);
    const put = queue.put(3);
    queue.getNowait();
    await put;
    queue.getNowait();
    let joined = false;
    const join = queue.join().then(() => {
      joined = true;
    });
    queue.taskDone();
    queue.taskDone();
    await nextTurn();
    expect(joined).toBe(false);
    queue.taskDone();
    await join;
  });

  test("too many taskDone calls throw an Error and change nothing", async () => {
    const queue = new Queue<number>();
    expect(() => queue.taskDone()).toThrowErrorMatchingInlineSnapshot(
      `[Error: Queue#taskDone: called more times than items were put]`,
    );
    queue.putNowait(1);
    queue.taskDone();
    expect(() => queue.taskDone()).toThrow(Error);
    await queue.join();
  });

  test("a stopped join rejects with Stopped and leaves the count alone", async () => {
    const queue = new Queue<number>();
    queue.putNowait(1);
    const task = spawn(() => queue.join());
    await nextTurn();
    await task.stop("no");
    const result = await outcome(task.wait());
    expect((result as { error: unknown }).error).toBeInstanceOf(Stopped);
    queue.taskDone();
    await queue.join();
  });
});

describe("for await", () => {
  test("reads items in order until the task stops, then throws its Stopped", async () => {
    const queue = new Queue<number>();
    const seen: number[] = [];
    const task = spawn(async () => {
      for await (const item of queue) seen.push(item);
    });
    for (let i = 0; i < 3; i++) queue.putNowait(i);
    await until(() => seen.length === 3);
    queue.putNowait(3);
    await until(() => seen.length === 4);
    await task.stop("done reading");
    const result = await outcome(task.wait());
    expect(seen).toEqual([0, 1, 2, 3]);
    expect((result as { error: unknown }).error).toBeInstanceOf(Stopped);
    expect(((result as { error: unknown }).error as Stopped).reason).toBe("done reading");
  });

  test("outside a task it reads until the loop breaks, leaving the rest queued", async () => {
    const queue = new Queue<number>();
    for (let i = 0; i < 5; i++) queue.putNowait(i);
    const seen: number[] = [];
    for await (const item of queue) {
      seen.push(item);
      if (item === 2) break;
    }
    expect(seen).toEqual([0, 1, 2]);
    expect(queue.qsize()).toBe(2);
  });
});

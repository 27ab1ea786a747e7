import { expect, test } from "vitest";
import {
  AsyncTask,
  asynch,
  currentTask,
  ManualTask,
  spawn,
  synch,
  taskChain,
} from "../src/index.ts";

test("asynch returns a launcher; each call starts the function in a new AsyncTask", async () => {
  const add = asynch((x: number, y: number) => x + y, { name: "async-add" });
  const first = add(10, 20);
  const second = add(1, 2);
  expect(first).toBeInstanceOf(AsyncTask);
  expect(first).not.toBe(second);
  expect(first.name).toBe("async-add");
  expect(await first).toBe(30);
  expect(await second).toBe(3);
});

test("a launcher passes its options on and keeps `this` for methods", async () => {
  const finished: unknown[] = [];
  class Counter {
    count = 1;
    bump = asynch(
      function (this: Counter, by: number) {
        this.count += by;
        return taskChain();
      },
      { name: "bump", onFinish: (result) => finished.push(result) },
    );
  }
  const counter = new Counter();
  expect(await counter.bump(2)).toEqual(["bump"]);
  expect(counter.count).toBe(3);
  expect(finished).toEqual([["bump"]]);
});

test("synch runs an asynch-wrapped function inline, with no task", async () => {
  const process = (x: number) => ({ value: x * 10, task: currentTask() });
  const job = asynch(process);
  const result = await synch(job)(5);
  expect(result.value).toBe(50);
  expect(result.task).toBeUndefined();
  expect((await synch(process)(5)).value).toBe(50);
});

test("synch waits for a returned task (or a promise of one) and gives its result", async () => {
  const schedule = (x: number) => spawn(() => x * 10, { name: "scheduled" });
  expect(await synch(schedule)(5)).toBe(50);
  const later = async () => {
    const manual = new ManualTask<string>();
    manual.resolve("from a promised task");
    return manual;
  };
  expect(await synch(later)()).toBe("from a promised task");
});

test("synch keeps `this` for methods", async () => {
  const service = {
    base: 7,
    compute(this: { base: number }, x: number) {
      return this.base + x;
    },
  };
  const wrapped = { base: 7, compute: synch(service.compute) };
  expect(await wrapped.compute(3)).toBe(10);
});

test("synch rejects with the function's failure", async () => {
  await expect(
    synch(() => {
      throw new Error("inline failure");
    })(),
  ).rejects.toThrow("inline failure");
  await expect(
    synch(() =>
      spawn(() => {
        throw new Error("task failure");
      }),
    )(),
  ).rejects.toThrow("task failure");
});

import { AsyncLocalStorage } from "node:async_hooks";
import { throughline } from "@gentletask/semantic-stack";
import {
  currentTaskRecord,
  currentTaskState,
  runInTaskAsReaction,
  runShielded,
} from "@gentletask/semantic-stack/task-record";
import { expect, test } from "vitest";

const other = new AsyncLocalStorage<string>();
const names = () => throughline.collect<string>("name");
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test("runInTaskAsReaction runs fn(a, b, c) as the task, for fn and what it schedules", async () => {
  const task = {};
  const later: unknown[] = [];
  const result = await Promise.resolve().then(() =>
    runInTaskAsReaction(
      task,
      "job",
      (a: number, b: string, c: undefined) => {
        void Promise.resolve().then(() => later.push(names(), currentTaskRecord() === task));
        return [a, b, c, names(), currentTaskRecord() === task];
      },
      1,
      "two",
      undefined,
    ),
  );
  expect(result).toEqual([1, "two", undefined, ["job"], true]);
  expect(later).toEqual([["job"], true]);
});

test("runInTaskAsReaction leaks nothing into the next microtask, tick or immediate", async () => {
  const seen: Record<string, unknown> = {};
  const see = () => ({ names: names(), task: currentTaskRecord(), other: other.getStore() });
  await other.run("creator", async () => {
    void Promise.resolve().then(() =>
      runInTaskAsReaction(
        {},
        "job",
        () => {
          seen.inside = see();
        },
        0,
        0,
        0,
      ),
    );
    void Promise.resolve().then(() => {
      seen.reaction = see();
    });
    queueMicrotask(() => {
      seen.microtask = see();
    });
    process.nextTick(() => {
      seen.tick = see();
    });
    setImmediate(() => {
      seen.immediate = see();
    });
    await nextTurn();
    seen.afterAwait = see();
  });
  const creator = { names: [], task: undefined, other: "creator" };
  expect(seen).toEqual({
    inside: { names: ["job"], task: {}, other: "creator" },
    reaction: creator,
    microtask: creator,
    tick: creator,
    immediate: creator,
    afterAwait: creator,
  });
  expect(currentTaskRecord()).toBeUndefined();
});

test("a synchronous throw remembers its raise site and leaves the task before it propagates", async () => {
  const error = new Error("boom");
  const caught = await Promise.resolve().then(() => {
    try {
      runInTaskAsReaction(
        {},
        "failing",
        () => {
          throw error;
        },
        0,
        0,
        0,
      );
    } catch (thrown) {
      return [thrown, names(), currentTaskRecord()];
    }
  });
  expect(caught).toEqual([error, [], undefined]);
  expect(throughline.errorFrames(error)).toEqual([{ name: "failing" }]);
});

test("runInTaskAsReaction validates its arguments", () => {
  const loose = runInTaskAsReaction as unknown as (...args: unknown[]) => unknown;
  expect(() => loose(null, "n", () => 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: runInTaskAsReaction: expected \`task\` to be an object, got null]`,
  );
  expect(() => loose({}, 1, () => 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: runInTaskAsReaction: expected \`name\` to be a string, got 1 (number)]`,
  );
  expect(() => loose({}, "n", 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: runInTaskAsReaction: expected \`fn\` to be a function, got 1 (number)]`,
  );
  expect(currentTaskRecord()).toBeUndefined();
});

test("currentTaskState reads the running task and the shield in one go", () => {
  const task = {};
  expect(currentTaskState()).toBeUndefined();
  const seen = throughline.run({ name: "outer" }, () => [
    currentTaskState()?.task,
    runInTaskAsReaction(
      task,
      "t",
      () => {
        const plain = { ...currentTaskState() };
        const shielded = runShielded(() => ({ ...currentTaskState() }));
        return [plain, shielded];
      },
      0,
      0,
      0,
    ),
  ]);
  expect(seen[0]).toBeUndefined();
  expect(seen[1]).toMatchObject([
    { task, shielded: false },
    { task, shielded: true },
  ]);
});

import { SemanticStack, throughline } from "@gentletask/semantic-stack";
import {
  currentTaskRecord,
  isShielded,
  rememberRaiseSite,
  runInTask,
  runShielded,
} from "@gentletask/semantic-stack/task-record";
import { expect, test } from "vitest";

const names = () => throughline.collect<string>("name");

test("runInTask pushes the name and records the task for the callback's async extent", async () => {
  const task = { label: "t" };
  expect(currentTaskRecord()).toBeUndefined();
  const seen = await runInTask(task, "worker", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return [names(), currentTaskRecord() === task];
  });
  expect(seen).toEqual([["worker"], true]);
  expect(currentTaskRecord()).toBeUndefined();
});

test("frames pushed inside a task keep the task; a nested task replaces it", () => {
  const outer = {};
  const inner = {};
  runInTask(outer, "outer", () => {
    throughline.run({ name: "step" }, () => {
      expect(currentTaskRecord()).toBe(outer);
      runInTask(inner, "inner", () => {
        expect(currentTaskRecord()).toBe(inner);
        expect(names()).toEqual(["outer", "step", "inner"]);
      });
    });
  });
});

test("a throughline snapshot carries the task; plain frames keep the running one", () => {
  const task = {};
  const snap = runInTask(task, "t", () => throughline.snapshot());
  expect(snap.run(currentTaskRecord)).toBe(task);
  expect(throughline.restore(snap, currentTaskRecord)).toBe(task);
  expect(throughline.restore(snap.frames(), currentTaskRecord)).toBeUndefined();
  const running = {};
  runInTask(running, "running", () => {
    expect(throughline.restore(snap.frames(), currentTaskRecord)).toBe(running);
    expect(throughline.restore([{ name: "remote" }], () => throughline.collect("name"))).toEqual([
      "remote",
    ]);
    runShielded(() => expect(throughline.restore([{ name: "r" }], isShielded)).toBe(true));
  });
});

test("restoring no frames, or another stack's snapshot, keeps the running task", () => {
  const running = {};
  const other = new SemanticStack("other");
  const foreign = other.run({ name: "imported" }, () => other.snapshot());
  runInTask(running, "handler", () => {
    throughline.restore([], () => {
      expect(currentTaskRecord()).toBe(running);
      expect(throughline.collect("name")).toEqual([]);
      expect(throughline.frames()).toEqual([]);
      expect(throughline.depth).toBe(0);
      expect(throughline.get("name")).toBeUndefined();
      // A frame pushed on the anchor is the only one.
      throughline.run({ name: "next" }, () => {
        expect(throughline.frames()).toEqual([{ name: "next" }]);
        expect(throughline.depth).toBe(1);
        expect(currentTaskRecord()).toBe(running);
      });
      const snap = throughline.snapshot();
      expect(snap.frames()).toEqual([]);
      expect(snap.run(currentTaskRecord)).toBe(running);
    });
    runShielded(() => expect(throughline.restore([], isShielded)).toBe(true));
    throughline.restore(foreign, () => {
      expect(currentTaskRecord()).toBe(running);
      expect(throughline.collect("name")).toEqual(["imported"]);
    });
  });
  // Outside any task nothing is kept: no anchor is needed.
  throughline.restore([], () => expect(currentTaskRecord()).toBeUndefined());
});

test("runShielded keeps the throughline and the task, marked shielded until a task is entered", () => {
  const task = {};
  runInTask(task, "t", () => {
    expect(isShielded()).toBe(false);
    runShielded(() => {
      expect(isShielded()).toBe(true);
      expect(names()).toEqual(["t"]);
      expect(throughline.depth).toBe(1);
      expect(currentTaskRecord()).toBe(task);
      throughline.run({ name: "cleanup" }, () => expect(isShielded()).toBe(true));
      runInTask({}, "child", () => expect(isShielded()).toBe(false));
    });
    expect(isShielded()).toBe(false);
  });
  expect(runShielded(() => isShielded())).toBe(false);
});

test("runInTask remembers a synchronous throw's raise site; rememberRaiseSite tags async ones", async () => {
  const sync = new Error("sync");
  expect(() =>
    runInTask({}, "t", () => {
      throw sync;
    }),
  ).toThrow(sync);
  expect(throughline.errorFrames(sync)).toEqual([{ name: "t" }]);

  const later = new Error("later");
  await runInTask({}, "async-task", () =>
    Promise.reject(later).then(undefined, (error: unknown) => {
      rememberRaiseSite(error);
    }),
  );
  expect(throughline.errorFrames(later)).toEqual([{ name: "async-task" }]);
});

test("runInTask and runShielded validate their arguments", () => {
  const loose = runInTask as unknown as (...args: unknown[]) => unknown;
  expect(() => loose(null, "n", () => 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: runInTask: expected \`task\` to be an object, got null]`,
  );
  expect(() => loose({}, 1, () => 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: runInTask: expected \`name\` to be a string, got 1 (number)]`,
  );
  expect(() => loose({}, "n", 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: runInTask: expected \`fn\` to be a function, got 1 (number)]`,
  );
  expect(() => (runShielded as (fn: unknown) => unknown)("x")).toThrow(
    /runShielded: expected `fn` to be a function/,
  );
});

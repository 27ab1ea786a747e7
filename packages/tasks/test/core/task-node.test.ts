import { expect, test } from "vitest";
import { extrasOf, isSettled, nodeOf } from "../../src/core/task-node.ts";
import { ManualTask } from "../../src/index.ts";
import { makeNode } from "./fixtures.ts";

test("a built-in task's node is found by key; anything else has none", () => {
  const task = new ManualTask({ name: "m" });
  expect(nodeOf(task)?.name).toBe("m");
  expect(nodeOf({ name: "m" })).toBeUndefined();
  expect(nodeOf(null)).toBeUndefined();
  expect(nodeOf(42)).toBeUndefined();
  task.resolve(undefined);
  expect(isSettled(nodeOf(task) as ReturnType<typeof makeNode>)).toBe(true);
});

test("extras are made on first use, once", () => {
  const node = makeNode("n");
  expect(node.extra).toBeUndefined();
  const extras = extrasOf(node);
  expect(extrasOf(node)).toBe(extras);
});

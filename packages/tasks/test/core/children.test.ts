import { expect, test } from "vitest";
import {
  anyTaskAlive,
  attachChild,
  attachRoot,
  childNodes,
  rootNodes,
  unlink,
} from "../../src/core/children.ts";
import type { TaskNode } from "../../src/core/task-node.ts";
import { makeNode } from "./fixtures.ts";

test("children are listed oldest first and unlink from the middle in place", () => {
  const parent = makeNode("parent");
  const [a, b, c] = ["a", "b", "c"].map((name) => makeNode(name)) as [TaskNode, TaskNode, TaskNode];
  for (const child of [a, b, c]) attachChild(parent, child);
  expect(childNodes(parent).map((n) => n.name)).toEqual(["a", "b", "c"]);
  expect(unlink(b)).toBeUndefined();
  expect(childNodes(parent).map((n) => n.name)).toEqual(["a", "c"]);
  expect(b.parent).toBeUndefined();
  expect(unlink(a)).toBeUndefined();
  // The last child out hands back the parent, which may exit now.
  expect(unlink(c)).toBe(parent);
  expect(parent.firstChild).toBeUndefined();
});

test("the root list is separate from any children list, and unlink tells them apart", () => {
  const before = rootNodes().length;
  const root = makeNode("root");
  const loose = makeNode("never-linked");
  attachRoot(root);
  expect(anyTaskAlive()).toBe(true);
  expect(rootNodes().at(-1)).toBe(root);
  // A node in no list is left alone.
  expect(unlink(loose)).toBeUndefined();
  expect(rootNodes()).toContain(root);
  expect(unlink(root)).toBeUndefined();
  expect(rootNodes()).not.toContain(root);
  expect(rootNodes()).toHaveLength(before);
});

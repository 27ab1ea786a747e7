import { expect, test } from "vitest";
import { rootNodes, unlink } from "../../src/core/children.ts";
import { joinTree } from "../../src/core/join-tree.ts";
import { nodeOf, STOPPED } from "../../src/core/task-node.ts";
import { ManualTask, spawn } from "../../src/index.ts";
import { makeNode } from "./fixtures.ts";

test("outside any task a node joins the root list; as a child, its parent's children", async () => {
  const loose = makeNode("loose");
  joinTree(loose, "child");
  expect(rootNodes()).toContain(loose);
  const gate = new ManualTask<void>();
  let child!: ReturnType<typeof makeNode>;
  const parent = spawn(async () => {
    child = makeNode("child");
    joinTree(child, "child");
    await gate;
  });
  await new Promise((resolve) => setImmediate(resolve));
  expect(child.parent).toBe(nodeOf(parent));
  gate.resolve();
  await parent.stop();
  unlink(loose);
  expect(rootNodes()).not.toContain(loose);
});

test("a node made inside a stopped parent is stopped at once", async () => {
  let child!: ReturnType<typeof makeNode>;
  const parent = spawn(async () => {
    parent.stop("going away");
    child = makeNode("late");
    joinTree(child, "child");
  });
  await parent.wait();
  expect(child.stopReason).toBe("going away");
  expect(child.flags & STOPPED).toBe(STOPPED);
});

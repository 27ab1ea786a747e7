import { expect, test } from "vitest";
import { attachChild } from "../../src/core/children.ts";
import { enterRunning } from "../../src/core/lifecycle.ts";
import { stoppedError, stopTree } from "../../src/core/stop-cascade.ts";
import { SHIELDED, STOPPED } from "../../src/core/task-node.ts";
import { Stopped } from "../../src/index.ts";
import { makeNode, recordingKind } from "./fixtures.ts";

test("the whole subtree is marked before any callback runs; shielded children are skipped", () => {
  const log: string[] = [];
  const root = makeNode("root", recordingKind(log));
  const child = makeNode("child", recordingKind(log));
  const shielded = makeNode("shielded", recordingKind(log));
  shielded.flags |= SHIELDED;
  for (const node of [root, child, shielded]) enterRunning(node, true);
  attachChild(root, child);
  attachChild(root, shielded);
  root.stopCallbacks = () =>
    log.push(`root:callback child stopped=${(child.flags & STOPPED) !== 0}`);
  stopTree(root, "why");
  expect(log).toEqual(["root:callback child stopped=true", "root:stop-hook", "child:stop-hook"]);
  expect(child.stopReason).toBe("why");
  expect(shielded.flags & STOPPED).toBe(0);
});

test("a chain 20,000 deep stops without recursion", () => {
  const top = makeNode("0");
  let last = top;
  for (let i = 1; i < 20_000; i++) {
    const next = makeNode(String(i));
    attachChild(last, next);
    last = next;
  }
  stopTree(top, "deep");
  expect(last.stopReason).toBe("deep");
});

test("a kind that settles on stop completes with the one Stopped its signal uses", () => {
  const node = makeNode("queued", { settlesOnStop: true });
  enterRunning(node, false);
  stopTree(node, "no longer needed");
  expect(node.phase.state).toBe("failed");
  const error = (node.phase as { error: unknown }).error;
  expect(error).toBeInstanceOf(Stopped);
  expect(error).toBe(stoppedError(node));
});

import { expect, test } from "vitest";
import { addFinishCallback } from "../../src/core/callbacks.ts";
import { attachChild } from "../../src/core/children.ts";
import {
  addWaiter,
  bodyExited,
  enterRunning,
  forgetWaiter,
  tryExit,
} from "../../src/core/lifecycle.ts";
import { EXITED } from "../../src/core/task-node.ts";
import { makeNode, recordingKind } from "./fixtures.ts";

test("pending -> running -> done, and the exit runs the kind's hook once", () => {
  const log: string[] = [];
  const node = makeNode("job", recordingKind(log));
  expect(enterRunning(node, true)).toBe(true);
  expect(enterRunning(node, true)).toBe(false);
  const outcomes: unknown[] = [];
  addWaiter(node, { settleWith: (ok, value) => outcomes.push([ok, value]) });
  expect(bodyExited(node, true, 42, true)).toBe(false);
  expect(node.phase).toEqual({ state: "done", value: 42 });
  expect(outcomes).toEqual([[true, 42]]);
  expect(node.flags & EXITED).toBe(EXITED);
  tryExit(node);
  expect(log).toEqual(["job:exit"]);
});

test("a body that exits with children left unwinds until the last child exits", () => {
  const log: string[] = [];
  const parent = makeNode("parent", recordingKind(log));
  const child = makeNode("child", recordingKind(log));
  enterRunning(parent, true);
  enterRunning(child, true);
  attachChild(parent, child);
  addFinishCallback(parent, () => {});
  expect(bodyExited(parent, false, "boom", true)).toBe(true);
  expect(parent.phase).toEqual({ state: "unwinding", ok: false, value: "boom" });
  bodyExited(child, true, undefined, true);
  expect(log).toEqual(["child:exit", "parent:exit"]);
  expect(parent.phase).toEqual({ state: "failed", error: "boom" });
});

test("a waiter that gave up is not settled", () => {
  const node = makeNode("job");
  enterRunning(node, false);
  const outcomes: unknown[] = [];
  const gaveUp = { settleWith: () => outcomes.push("gave-up") };
  const stays = { settleWith: () => outcomes.push("stays") };
  addWaiter(node, gaveUp);
  addWaiter(node, stays);
  forgetWaiter(node, gaveUp);
  bodyExited(node, true, 1, false);
  expect(outcomes).toEqual(["stays"]);
});

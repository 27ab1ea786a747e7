import { expect, test } from "vitest";
import {
  addCallback,
  addFinishCallback,
  fireCallbacks,
  fireFinishCallbacks,
  removeCallback,
} from "../../src/core/callbacks.ts";
import { makeNode } from "./fixtures.ts";

test("a stop-callback slot holds none, one, or a set, and a function once", () => {
  const calls: string[] = [];
  const a = () => calls.push("a");
  const b = () => calls.push("b");
  let slot = addCallback(undefined, a);
  expect(slot).toBe(a);
  expect(addCallback(slot, a)).toBe(a);
  slot = addCallback(slot, b);
  slot = removeCallback(slot, a);
  fireCallbacks(slot);
  expect(calls).toEqual(["b"]);
  expect(removeCallback(slot, b)).toBeUndefined();
});

test("finish callbacks fire once, in order, with (result, error)", () => {
  const node = makeNode("job");
  const seen: unknown[] = [];
  addFinishCallback(node, (result, error) => seen.push(["first", result, error]));
  addFinishCallback(node, (result, error) => seen.push(["second", result, error]));
  fireFinishCallbacks(node, false, "boom");
  fireFinishCallbacks(node, true, "again");
  expect(seen).toEqual([
    ["first", undefined, "boom"],
    ["second", undefined, "boom"],
  ]);
});

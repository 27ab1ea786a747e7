import { expect, test } from "vitest";
import { quietRejection, settleSharedResult, sharedResult } from "../../src/core/result-promise.ts";
import { makeNode } from "./fixtures.ts";

test("no promise until someone waits; then one, shared, settled with the task", async () => {
  const node = makeNode("job");
  settleSharedResult(node, true, "nobody asked");
  expect(node.deferred).toBeUndefined();
  const first = sharedResult(node);
  expect(sharedResult(node)).toBe(first);
  settleSharedResult(node, false, "boom");
  await expect(first).rejects.toBe("boom");
});

test("a quiet rejection is not reported unhandled when dropped", async () => {
  const error = new Error("dropped on purpose");
  const kept = quietRejection(error);
  quietRejection(new Error("dropped on purpose too"));
  // The global unhandled-rejection guard fails the run if the dropped one were reported.
  await new Promise((resolve) => setImmediate(resolve));
  await expect(kept).rejects.toBe(error);
});

import { throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";
import { runBody } from "../../src/core/body.ts";
import { addFinishCallback } from "../../src/core/callbacks.ts";
import { enterRunning } from "../../src/core/lifecycle.ts";
import { nextTurn } from "../support/turns.ts";
import { makeNode } from "./fixtures.ts";

test("a sync body settles at once, with its name on the throughline", () => {
  const node = makeNode("sync-body");
  enterRunning(node, true);
  runBody(node, () => throughline.collect("name"), undefined);
  expect(node.phase).toEqual({ state: "done", value: ["sync-body"] });
});

test("a throw, a rejection and a foreign thenable all report how the body ended", async () => {
  const thrown = makeNode("throws");
  // Observed, so the failures stay here instead of going up.
  addFinishCallback(thrown, () => {});
  enterRunning(thrown, true);
  runBody(
    thrown,
    () => {
      throw new Error("sync");
    },
    undefined,
  );
  expect(thrown.phase.state).toBe("failed");

  const rejected = makeNode("rejects");
  addFinishCallback(rejected, () => {});
  enterRunning(rejected, true);
  runBody(rejected, async (x: unknown) => Promise.reject(x), ["async"] as never);
  const foreign = makeNode("thenable");
  enterRunning(foreign, true);
  // A thenable that calls back twice: only the first call counts.
  runBody(
    foreign,
    () => ({
      // biome-ignore lint/suspicious/noThenProperty: a foreign thenable under test.
      then: (ok: (v: number) => void) => {
        ok(1);
        ok(2);
      },
    }),
    undefined,
  );
  await nextTurn();
  expect(rejected.phase).toEqual({ state: "failed", error: "async" });
  expect(foreign.phase).toEqual({ state: "done", value: 1 });
});

import { setTimeout as delay } from "node:timers/promises";
import { all, mapConcurrent, sleep } from "@gentletask/primitives";
import { currentTask, type Task } from "@gentletask/tasks";
import { describe, expect, test } from "vitest";
import { outcome } from "./support.js";

// The combinators tell a piece's stop from a late failure as the tasks core
// does (`fromStop`): an `AbortError` whose `cause` is the stop's `Stopped`
// (what `timers/promises` rejects with when the task's signal aborts) is a
// stop, not a failure to report.

/** Waits on the current task's signal through `timers/promises`, which rejects with an AbortError caused by the Stopped. */
async function waitsOnSignal(): Promise<void> {
  await delay(60_000, undefined, {
    signal: (currentTask() as Task & { signal: AbortSignal }).signal,
  });
}

describe("a stopped piece that rejects with an AbortError caused by its Stopped", () => {
  test("all: is no late failure; the group fails with the first failure alone", async () => {
    const result = await outcome(
      all([
        waitsOnSignal,
        async () => {
          await sleep(1);
          throw new Error("first");
        },
      ]).wait(),
    );
    expect(result).toEqual({ ok: false, error: new Error("first") });
  });

  test("mapConcurrent: is no late failure either", async () => {
    const result = await outcome(
      mapConcurrent([0, 1], 2, async (item) => {
        if (item === 0) return waitsOnSignal();
        await sleep(1);
        throw new Error("first");
      }).wait(),
    );
    expect(result).toEqual({ ok: false, error: new Error("first") });
  });
});

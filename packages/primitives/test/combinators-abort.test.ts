// A piece that waits with `currentSignal()` (as the README advises) rejects
// with the `AbortError` its stop caused, not with `Stopped`: the combinators
// must read that as a stop, never as a failure of its own.
import { setTimeout as delay } from "node:timers/promises";
import { all, currentSignal, mapConcurrent, race, retry } from "@gentletask/primitives";
import { Stopped, spawn } from "@gentletask/tasks";
import { expect, test } from "vitest";
import { outcome } from "./support.js";

const abortable = () => delay(60_000, "slow", { signal: currentSignal() });

test("race: a loser stopped out of a timers/promises wait does not turn the win into a failure", async () => {
  const winner = async () => {
    await delay(5);
    return "fast";
  };
  expect(await race([winner, abortable])).toBe("fast");
});

test("all: a sibling's AbortError does not join the first failure", async () => {
  const failure = new Error("first failure");
  const failing = async () => {
    await delay(5);
    throw failure;
  };
  expect(await outcome(all([failing, abortable]).wait())).toEqual({ ok: false, error: failure });
});

test("mapConcurrent and retry stopped by their caller reject with Stopped, not an AggregateError of AbortErrors", async () => {
  const errors: unknown[] = [];
  const caller = spawn(async () => {
    await Promise.all([
      mapConcurrent(["a", "b", "c"], 2, () => abortable())
        .wait()
        .catch((e: unknown) => errors.push(e)),
      retry(() => abortable(), { attempts: 3 })
        .wait()
        .catch((e: unknown) => errors.push(e)),
    ]);
  });
  await delay(5);
  await caller.stop("enough");
  expect(errors).toHaveLength(2);
  for (const error of errors) {
    expect(error).toBeInstanceOf(Stopped);
    expect((error as Stopped).reason).toBe("enough");
  }
});

import { currentSignal, shield, sleep } from "@gentletask/primitives";
import { Stopped, spawn } from "@gentletask/tasks";
import { expect, test } from "vitest";
import { nextTurn, ProtocolTask } from "./support.js";

test("inside a spawned task it is the task's own signal, aborting with a Stopped on stop", async () => {
  let seen: AbortSignal | undefined;
  const task = spawn(async () => {
    seen = currentSignal();
    await sleep(Number.POSITIVE_INFINITY).catch(() => {});
  });
  await nextTurn();
  expect(seen).toBe(task.signal);
  expect(seen?.aborted).toBe(false);
  const stopped = task.stop("bye");
  expect(seen?.aborted).toBe(true);
  expect(seen?.reason).toBeInstanceOf(Stopped);
  expect((seen as AbortSignal).reason.reason).toBe("bye");
  await stopped;
});

test("outside any task it is one shared signal that never aborts and takes many listeners quietly", async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on("warning", onWarning);
  try {
    const signal = currentSignal();
    expect(currentSignal()).toBe(signal);
    expect(signal.aborted).toBe(false);
    const listeners = Array.from({ length: 50 }, () => () => {});
    for (const listener of listeners) signal.addEventListener("abort", listener);
    for (const listener of listeners) signal.removeEventListener("abort", listener);
    await nextTurn();
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  } finally {
    process.off("warning", onWarning);
  }
});

test("inside shield it is the never-aborting signal, so cleanup can still hand it out", async () => {
  const outside = currentSignal();
  let shielded: AbortSignal | undefined;
  const task = spawn(async () => {
    try {
      const signal = currentSignal();
      // Rejects with the signal's reason (the task's Stopped), so the stop ends the task quietly.
      await new Promise((_, reject) =>
        signal.addEventListener("abort", () => reject(signal.reason)),
      );
    } finally {
      shielded = await shield(() => currentSignal());
    }
  });
  await nextTurn();
  await task.stop();
  expect(shielded).toBe(outside);
  expect(shielded?.aborted).toBe(false);
});

test("for a custom task without a signal, one is derived per task from its stop callbacks", () => {
  const task = new ProtocolTask();
  const signal = task.run(() => currentSignal());
  expect(task.run(() => currentSignal())).toBe(signal);
  for (let i = 0; i < 100; i++) task.run(() => currentSignal());
  expect(task.callbacks.size).toBe(1);
  expect(signal.aborted).toBe(false);
  task.stop({ code: 7 });
  expect(signal.aborted).toBe(true);
  expect(signal.reason).toBeInstanceOf(Stopped);
  expect((signal.reason as Stopped).reason).toEqual({ code: 7 });
});

test("for a custom task that is already stopped, the derived signal is already aborted", () => {
  const task = new ProtocolTask();
  task.stop("early");
  const signal = task.run(() => currentSignal());
  expect(signal.aborted).toBe(true);
  expect((signal.reason as Stopped).reason).toBe("early");
});

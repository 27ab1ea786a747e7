import { setTimeout as delay } from "node:timers/promises";
import { spawn } from "@gentletask/tasks";
import { expect, test } from "vitest";
import type { Body, Step } from "../src/program.js";
import { programJson } from "../src/program.js";
import { spec4Revised } from "../src/spec-switch.js";
import { explain, runBatch } from "./batches.js";

// The programs of issue 12's bug list, written out by hand. They depend on
// SPEC section 4 as revised (waits never adopt, failures go up, owned
// workers stop without draining), so they run once the switch in
// src/spec-switch.ts is on; until then they are skipped.
const revised = spec4Revised();

function body(id: number, steps: Step[], catchAll = false): Body {
  return { id, steps, catchAll, cleanup: [] };
}

/** A spawn step for a child, observed by a finish callback unless said otherwise. */
function child(
  id: number,
  steps: Step[],
  options: { catchAll?: boolean; observe?: boolean } = {},
): Step {
  return {
    op: "spawn",
    detach: false,
    observe: options.observe ?? true,
    body: body(id, steps, options.catchAll ?? false),
  };
}

async function expectClean(program: Body): Promise<void> {
  const args = ["program", programJson(program), "1"];
  const report = await runBatch(args);
  if (!report.ok) expect.fail(explain(args, report));
}

test.runIf(revised)(
  "a stopped waiter does not stop the task it waits on, so that task may await the waiter's stop",
  async () => {
    // #2 waits on #1; #1 stops #2 and awaits that stop. Tasks are named by
    // their place among the tasks made so far: [root, #1, #2].
    await expectClean(
      body(0, [
        child(1, [
          { op: "sleep", ms: 0 },
          { op: "stop", target: 2, awaitIt: true },
        ]),
        child(2, [{ op: "await", target: 1 }]),
        { op: "sleep", ms: Number.POSITIVE_INFINITY },
      ]),
    );
  },
);

test.runIf(revised)(
  "a task that waits on itself or its parent fails at once instead of hanging",
  async () => {
    await expectClean(
      body(0, [
        child(
          1,
          [
            { op: "await", target: 0 },
            { op: "await", target: 1 },
          ],
          { catchAll: true },
        ),
        { op: "await", target: 0 },
      ]),
    );
  },
);

test.runIf(revised)(
  "a child failure nobody observes fails the parent instead of vanishing",
  async () => {
    await expectClean(
      body(0, [
        child(1, [{ op: "fail" }], { observe: false }),
        { op: "sleep", ms: Number.POSITIVE_INFINITY },
      ]),
    );
  },
);

test.runIf(revised)(
  "a worker made in a task stops with it, without working through its backlog",
  async () => {
    const job = (id: number) => ({
      op: "submit" as const,
      worker: 0,
      observe: false,
      body: body(id, [
        { op: "sleep" as const, ms: 2 },
        { op: "sleep" as const, ms: 2 },
      ]),
    });
    await expectClean(
      body(0, [
        { op: "worker", id: 1 },
        job(2),
        job(3),
        job(4),
        job(5),
        { op: "sleep", ms: Number.POSITIVE_INFINITY },
      ]),
    );
  },
);

test.runIf(revised)(
  "eleven timers/promises waits on one task's signal print no MaxListenersExceededWarning",
  async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      const task = spawn(async () => {
        await Promise.allSettled(
          Array.from({ length: 11 }, () => delay(60_000, undefined, { signal: task.signal })),
        );
      });
      await delay(5);
      await task.stop("enough");
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
    }
  },
);

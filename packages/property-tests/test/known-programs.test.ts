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

// Programs that fresh seeds found after the core landed, as fast-check shrank
// them (replay one by hand: node dist/batch.js program '<json>' 1). Each
// names the library test that now covers its fix.
const FOUND_BY_FRESH_SEEDS: { seed: number; what: string; json: string }[] = [
  {
    seed: 11,
    what: "a detached task's MultiTask over the root; the root stops that task and awaits the stop (tasks: stop-wait-cycles.test.ts)",
    json: '{"id":0,"steps":[{"op":"manual","id":1,"observe":false},{"op":"spawn","body":{"id":2,"steps":[{"op":"multi","id":3,"of":[0]}],"catchAll":false,"cleanup":[]},"detach":true,"observe":false},{"op":"stop","target":6,"awaitIt":true}],"catchAll":false,"cleanup":[]}',
  },
  {
    seed: 44,
    what: "a job fails as its worker's owner exits; the stopped job's failure was dropped (tasks: serial-worker-failures.test.ts)",
    json: '{"id":0,"steps":[{"op":"spawn","body":{"id":1,"steps":[{"op":"spawn","body":{"id":2,"steps":[{"op":"worker","id":3}],"catchAll":false,"cleanup":[]},"detach":false,"observe":false},{"op":"submit","worker":0,"body":{"id":4,"steps":[{"op":"fail"}],"catchAll":false,"cleanup":[]},"observe":false}],"catchAll":false,"cleanup":[]},"detach":false,"observe":false}],"catchAll":false,"cleanup":[{"op":"put","queue":0}]}',
  },
  {
    seed: 33,
    what: "a job's QueueEmpty as its worker's owner exits (tasks: serial-worker-failures.test.ts)",
    json: '{"id":0,"steps":[{"op":"worker","id":1},{"op":"spawn","body":{"id":2,"steps":[{"op":"spawn","body":{"id":3,"steps":[{"op":"submit","worker":0,"body":{"id":4,"steps":[{"op":"get","queue":0,"timeoutMs":0}],"catchAll":false,"cleanup":[]},"observe":false}],"catchAll":false,"cleanup":[]},"detach":false,"observe":false}],"catchAll":false,"cleanup":[]},"detach":false,"observe":false},{"op":"manual","id":5,"observe":false}],"catchAll":false,"cleanup":[]}',
  },
  {
    seed: 513956581,
    what: "a job fails just before its owner's body exits and the worker settles (tasks: serial-worker-failures.test.ts)",
    json: '{"id":0,"steps":[{"op":"worker","id":1},{"op":"submit","worker":0,"body":{"id":2,"steps":[{"op":"fail"}],"catchAll":false,"cleanup":[]},"observe":false}],"catchAll":false,"cleanup":[{"op":"put","queue":0}]}',
  },
  {
    seed: 787416209,
    what: "a MultiTask made inside a stopped task hid its member's failure (tasks: failures.test.ts)",
    json: '{"id":0,"steps":[{"op":"spawn","body":{"id":1,"steps":[{"op":"get","queue":0},{"op":"multi","id":2,"of":[9]},{"op":"fail"}],"catchAll":true,"cleanup":[]},"detach":true,"observe":false}],"catchAll":false,"cleanup":[]}',
  },
  {
    seed: 784747625,
    what: "the same, in a task stopped by a failure going up (tasks: failures.test.ts)",
    json: '{"id":0,"steps":[{"op":"spawn","body":{"id":1,"steps":[{"op":"spawn","body":{"id":2,"steps":[{"op":"fail"}],"catchAll":false,"cleanup":[]},"detach":false,"observe":false}],"catchAll":false,"cleanup":[]},"detach":false,"observe":false},{"op":"spawn","body":{"id":3,"steps":[{"op":"shield","steps":[]},{"op":"multi","id":4,"of":[5,0]}],"catchAll":false,"cleanup":[]},"detach":false,"observe":false}],"catchAll":false,"cleanup":[]}',
  },
];

for (const { seed, what, json } of FOUND_BY_FRESH_SEEDS) {
  test.runIf(revised)(`found by fresh seed ${seed}: ${what}`, async () => {
    const args = ["program", json, "1"];
    const report = await runBatch(args);
    if (!report.ok) expect.fail(explain(args, report));
  });
}

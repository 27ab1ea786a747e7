import { all, allSettled, any, Event, limit, race, sleep } from "@gentletask/primitives";
import { type AsyncTask, Stopped, spawn, type Task, taskTree } from "@gentletask/tasks";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { nextTurn, outcome } from "./support.js";

type Action =
  | { kind: "submit"; viaCaller: boolean }
  | { kind: "finish"; call: number }
  | { kind: "stop"; call: number }
  | { kind: "stopCaller"; call: number }
  | { kind: "turn" };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("submit" as const), viaCaller: fc.boolean() }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("finish" as const), call: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("stop" as const), call: fc.nat(40) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("stopCaller" as const), call: fc.nat(40) }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: "turn" as const }) },
);

interface Submitted {
  readonly id: number;
  readonly release: Event;
  task?: Task;
  caller?: AsyncTask<unknown, []>;
  finishes: number;
}

describe("limit, under random submit/stop/finish sequences", () => {
  test("at most n run at once, live calls start in submission order, each settles once, nothing is left", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(action, { maxLength: 60 }),
        async (n, actions) => {
          const limiter = limit(n);
          const calls: Submitted[] = [];
          const started: number[] = [];
          // The order the limiter got the calls in (a caller calls on a later microtask).
          const submitted: number[] = [];
          let running = 0;
          let peak = 0;
          const body = (call: Submitted) => async () => {
            started.push(call.id);
            running += 1;
            peak = Math.max(peak, running);
            try {
              await call.release.wait();
              return call.id;
            } finally {
              running -= 1;
            }
          };
          const submit = (viaCaller: boolean) => {
            const call: Submitted = { id: calls.length, release: new Event(), finishes: 0 };
            calls.push(call);
            const track = (task: Task) => {
              submitted.push(call.id);
              call.task = task;
              task.addFinishCallback(() => {
                call.finishes += 1;
              });
            };
            if (!viaCaller) track(limiter(body(call)));
            else {
              call.caller = spawn(
                () => {
                  const task = limiter(body(call));
                  track(task);
                  return task.wait();
                },
                { name: `caller-${call.id}` },
              );
              call.caller.wait().catch(() => {});
            }
          };
          for (const step of actions) {
            const target =
              "call" in step ? calls[step.call % Math.max(1, calls.length)] : undefined;
            if (step.kind === "submit") submit(step.viaCaller);
            else if (step.kind === "finish") target?.release.set();
            else if (step.kind === "stop") target?.task?.stop("stopped by the test");
            else if (step.kind === "stopCaller") target?.caller?.stop("caller stopped");
            else await nextTurn();
            expect(limiter.activeCount).toBeLessThanOrEqual(n);
            expect(running).toBeLessThanOrEqual(n);
          }
          for (const call of calls) call.release.set();
          for (const call of calls) {
            await outcome(call.caller !== undefined ? call.caller.wait() : Promise.resolve());
            if (call.task !== undefined) await outcome(call.task.wait());
          }
          expect(peak).toBeLessThanOrEqual(n);
          // FIFO among the calls that ran: never one before an earlier live one.
          const rank = (id: number) => submitted.indexOf(id);
          expect(started).toEqual([...started].sort((a, b) => rank(a) - rank(b)));
          for (const call of calls) {
            if (call.task === undefined) continue; // its caller was stopped before it could call
            expect(call.finishes).toBe(1);
            const result = await outcome(call.task.wait());
            if (!result.ok) expect(result.error).toBeInstanceOf(Stopped);
            else expect(started).toContain(call.id);
          }
          expect([limiter.activeCount, limiter.pendingCount]).toEqual([0, 0]);
          expect(taskTree().filter((node) => node.name !== "vitest")).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

type ChildPlan = { kind: "ok" | "fail" | "forever"; turns: number; given: boolean };

const childPlan: fc.Arbitrary<ChildPlan> = fc.record({
  kind: fc.constantFrom("ok" as const, "fail" as const, "forever" as const),
  turns: fc.nat(4),
  given: fc.boolean(),
});

describe("all, allSettled, race and any, under random children and stops", () => {
  const combinators = { all, allSettled, race, any } as const;

  test("no child outlives its combinator, and no task passed in is stopped by it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(combinators) as (keyof typeof combinators)[])),
        fc.array(childPlan, { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat(6)),
        async (which, plans, stopAfterTurns) => {
          // Live bodies: of the children the combinator made, and of the tasks given to it.
          const live = { made: 0, given: 0 };
          const body = (plan: ChildPlan) => async () => {
            const side = plan.given ? "given" : "made";
            live[side] += 1;
            try {
              for (let turn = 0; turn < plan.turns; turn++) await sleep(0);
              if (plan.kind === "fail") throw new Error("planned failure");
              if (plan.kind === "forever") await sleep(Number.POSITIVE_INFINITY);
              return plan.turns;
            } finally {
              await sleep(0).catch(() => {}); // cleanup that takes a turn
              live[side] -= 1;
            }
          };
          const work: (Task | (() => Promise<number>))[] = plans.map((plan) =>
            plan.given ? spawn(body(plan), { name: "given", detach: true }) : body(plan),
          );
          const given = work.filter((piece): piece is Task => typeof piece !== "function");
          // The test observes the given tasks itself: once a group has decided it
          // no longer does, and a failure nobody observes would go up (here, as
          // an unhandled rejection of a detached task).
          for (const task of given) task.wait().catch(() => {});
          const group = (combinators[which] as (work: unknown) => Task)(work);
          let madeLiveAtSettle = -1;
          let givenStoppedAtSettle: boolean[] = [];
          const onSettled = () => {
            madeLiveAtSettle = live.made;
            givenStoppedAtSettle = given.map((task) => task.isStopped);
          };
          const settled = group.wait().then(onSettled, onSettled);
          // Stops the group after some turns; when no stop was planned, late
          // enough that most groups have settled on their own (a stop after
          // settling changes nothing), so one whose children never end ends too.
          const stopper = (async () => {
            for (let turn = 0; turn < (stopAfterTurns ?? 30); turn++) await nextTurn();
            await group.stop("stopped by the test");
          })();
          await settled;
          await stopper;
          expect(madeLiveAtSettle).toBe(0);
          expect(givenStoppedAtSettle).toEqual(given.map(() => false));
          for (const task of given) await task.stop();
          expect(live).toEqual({ made: 0, given: 0 });
        },
      ),
      { numRuns: 200 },
    );
  });
});

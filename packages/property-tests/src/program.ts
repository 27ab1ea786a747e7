import fc from "fast-check";

/**
 * A random program: the body of a root task. Every body, job and timed
 * section gets a unique id in pre-order, so a step can name a task by id
 * ("await task 7") and the printed program reads as it ran. A step that
 * names a task resolves it when it runs, among the tasks that exist by then
 * and that the mode allows (see `interpreter.ts`).
 */
export interface Body {
  id: number;
  steps: Step[];
  /** Whether each failed step is caught and the body carries on. */
  catchAll: boolean;
  /** Shielded cleanup in `finally`: bounded steps only. */
  cleanup: Step[];
}

export type Step =
  | { op: "sleep"; ms: number }
  | { op: "spawn"; body: Body; detach: boolean; observe: boolean }
  | { op: "await"; target: number }
  | { op: "stop"; target: number; awaitIt: boolean }
  | { op: "detach"; target: number }
  | { op: "finish" }
  | { op: "fail" }
  | { op: "put"; queue: number }
  | { op: "get"; queue: number; timeoutMs: number | undefined }
  | { op: "set"; event: number }
  | { op: "waitEvent"; event: number; timeoutMs: number | undefined }
  | { op: "withTimeout"; ms: number; body: Body }
  | { op: "shield"; steps: Step[] }
  | { op: "manual"; id: number; observe: boolean }
  | { op: "settleManual"; target: number; fail: boolean }
  | { op: "multi"; id: number; of: number[] }
  | { op: "worker"; id: number }
  | { op: "submit"; worker: number; body: Body; observe: boolean }
  | { op: "stopWorker"; worker: number; awaitIt: boolean };

/** Steps that always end on their own within a few milliseconds: for cleanup, shields and worker jobs. */
function boundedStep(): fc.Arbitrary<Step> {
  return fc.oneof(
    fc.record({ op: fc.constant("sleep" as const), ms: fc.constantFrom(0, 1, 2) }),
    fc.record({ op: fc.constant("put" as const), queue: fc.nat(1) }),
    fc.record({ op: fc.constant("set" as const), event: fc.nat(1) }),
    fc.record({
      op: fc.constant("get" as const),
      queue: fc.nat(1),
      timeoutMs: fc.constantFrom(0, 1, 3),
    }),
    fc.record({
      op: fc.constant("waitEvent" as const),
      event: fc.nat(1),
      timeoutMs: fc.constantFrom(0, 1, 3),
    }),
  );
}

function boundedBody(): fc.Arbitrary<Body> {
  return fc.record({
    id: fc.constant(0),
    steps: fc.array(
      fc.oneof(
        { weight: 5, arbitrary: boundedStep() },
        { weight: 1, arbitrary: fc.constant({ op: "fail" as const }) },
      ),
      { maxLength: 3 },
    ),
    catchAll: fc.boolean(),
    cleanup: fc.constant([]),
  });
}

const target = fc.nat(15);

/** Any step; `depth` bounds the nesting of bodies. */
function step(depth: number): fc.Arbitrary<Step> {
  const leaves: fc.WeightedArbitrary<Step>[] = [
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant("sleep" as const),
        ms: fc.constantFrom(0, 1, 3, Number.POSITIVE_INFINITY),
      }),
    },
    { weight: 4, arbitrary: fc.record({ op: fc.constant("await" as const), target }) },
    {
      weight: 3,
      arbitrary: fc.record({ op: fc.constant("stop" as const), target, awaitIt: fc.boolean() }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("detach" as const), target }) },
    { weight: 1, arbitrary: fc.constant({ op: "finish" as const }) },
    { weight: 2, arbitrary: fc.constant({ op: "fail" as const }) },
    { weight: 3, arbitrary: boundedStep() },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("get" as const),
        queue: fc.nat(1),
        timeoutMs: fc.constant(undefined),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("waitEvent" as const),
        event: fc.nat(1),
        timeoutMs: fc.constant(undefined),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("manual" as const),
        id: fc.constant(0),
        observe: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("settleManual" as const),
        target,
        fail: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("multi" as const),
        id: fc.constant(0),
        of: fc.array(target, { minLength: 1, maxLength: 3 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("worker" as const), id: fc.constant(0) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("submit" as const),
        worker: target,
        body: boundedBody(),
        observe: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("stopWorker" as const),
        worker: target,
        awaitIt: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant("shield" as const),
        steps: fc.array(boundedStep(), { maxLength: 3 }),
      }),
    },
  ];
  if (depth > 0) {
    leaves.push(
      {
        weight: 5,
        arbitrary: fc.record({
          op: fc.constant("spawn" as const),
          body: body(depth - 1),
          detach: fc.oneof(
            { weight: 5, arbitrary: fc.constant(false) },
            { weight: 1, arbitrary: fc.constant(true) },
          ),
          observe: fc.boolean(),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          op: fc.constant("withTimeout" as const),
          ms: fc.constantFrom(0, 1, 5, 1_000),
          body: body(depth - 1),
        }),
      },
    );
  }
  return fc.oneof(...leaves);
}

function body(depth: number): fc.Arbitrary<Body> {
  return fc.record({
    id: fc.constant(0),
    steps: fc.array(step(depth), { maxLength: 6 }),
    catchAll: fc.boolean(),
    cleanup: fc.array(boundedStep(), { maxLength: 2 }),
  });
}

/** Gives every body, ManualTask, MultiTask and worker its pre-order id; returns how many there are. */
function numberIds(root: Body): number {
  let next = 0;
  const visitBody = (b: Body) => {
    b.id = next++;
    for (const s of b.steps) visitStep(s);
  };
  const visitStep = (s: Step) => {
    if (s.op === "spawn" || s.op === "withTimeout" || s.op === "submit") visitBody(s.body);
    else if (s.op === "manual" || s.op === "multi" || s.op === "worker") s.id = next++;
  };
  visitBody(root);
  return next;
}

/** Random programs, nesting bodies up to three deep. */
export const programs: fc.Arbitrary<Body> = body(3).map((root) => {
  const copy = structuredClone(root);
  numberIds(copy);
  return copy;
});

/** `JSON.stringify` that keeps `Infinity` readable (and parseable by `batch.ts`). */
export function programJson(value: unknown): string {
  return JSON.stringify(value, (_key, item) =>
    item === Number.POSITIVE_INFINITY ? "Infinity" : item,
  );
}

/** The program as text, one step a line, for a failure report. */
export function formatProgram(root: Body): string {
  const lines: string[] = [];
  const visit = (b: Body, indent: string, head: string) => {
    lines.push(`${indent}${head} #${b.id}${b.catchAll ? " (catches)" : ""}`);
    for (const s of b.steps) {
      if (s.op === "spawn")
        visit(
          s.body,
          `${indent}  `,
          `spawn${s.detach ? " detached" : ""}${s.observe ? " observed" : ""}`,
        );
      else if (s.op === "withTimeout") visit(s.body, `${indent}  `, `withTimeout ${s.ms} ms`);
      else if (s.op === "submit")
        visit(
          s.body,
          `${indent}  `,
          `submit to worker ~${s.worker}${s.observe ? " observed" : ""}`,
        );
      else {
        const { op, ...rest } = s;
        lines.push(`${indent}  ${op} ${programJson(rest)}`);
      }
    }
    if (b.cleanup.length > 0) lines.push(`${indent}  finally(shielded) ${programJson(b.cleanup)}`);
  };
  visit(root, "", "root");
  return lines.join("\n");
}

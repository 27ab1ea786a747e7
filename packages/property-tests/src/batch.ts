/**
 * One batch of random programs, run in its own process (after the build):
 * `node dist/batch.js <seed> <runs> <revised 0|1>`, or one given program:
 * `node dist/batch.js program '<programJson>' <revised 0|1>` (to replay a
 * reported failure). Prints one JSON line: `{ seed, runs, ok }`, or the
 * shrunk failing program and what it broke. It never calls `process.exit`:
 * the process must end on its own, which proves no program left a timer or
 * a listener behind.
 */
import { writeSync } from "node:fs";
import fc from "fast-check";
import { type Body, formatProgram, programJson, programs } from "./program.js";
import { runProgram } from "./run-program.js";

const [first, second, revisedText] = process.argv.slice(2);
const revised = revisedText === "1";

class ProgramFailed extends Error {
  constructor(readonly violations: { invariant: string; detail: string }[]) {
    super(violations.map((v) => `${v.invariant}: ${v.detail}`).join("\n"));
  }
}

if (first === "program") {
  const program = JSON.parse(second as string, (_key, value) =>
    value === "Infinity" ? Number.POSITIVE_INFINITY : value,
  ) as Body;
  const violations = await runProgram(program, revised);
  writeSync(
    1,
    `${JSON.stringify({ ok: violations.length === 0, program: formatProgram(program), violations })}\n`,
  );
} else {
  await runBatch(Number(first), Number(second));
}

async function runBatch(seed: number, numRuns: number): Promise<void> {
  const started = performance.now();
  const result = await fc.check(
    fc.asyncProperty(programs, async (program) => {
      const violations = await runProgram(program, revised);
      if (violations.length > 0) throw new ProgramFailed(violations);
    }),
    // Shrinking a failure re-runs programs; a hang costs its deadline each
    // time, so the whole batch is bounded and reports the smallest found.
    {
      seed,
      numRuns,
      interruptAfterTimeLimit: Number(process.env.PROPERTY_TIME_LIMIT_MS ?? 60_000),
      markInterruptAsFailure: false,
      endOnFailure: process.env.PROPERTY_NO_SHRINK === "1",
    },
  );

  const report: Record<string, unknown> = {
    seed,
    runs: result.numRuns,
    ms: Math.round(performance.now() - started),
    ok: !result.failed,
  };
  if (result.failed && result.counterexample !== null) {
    const [program] = result.counterexample;
    const error = result.errorInstance;
    report.path = result.counterexamplePath;
    report.shrinks = result.numShrinks;
    report.program = formatProgram(program);
    report.programJson = programJson(program);
    report.violations =
      error instanceof ProgramFailed
        ? error.violations
        : [{ invariant: "threw", detail: String(error) }];
  }
  writeSync(1, `${JSON.stringify(report)}\n`);
}

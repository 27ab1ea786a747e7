import { formatTaskTree, Stopped, spawn, taskTree } from "@gentletask/tasks";
import { runBody } from "./interpreter.js";
import type { Body } from "./program.js";
import { ProgramRun } from "./program-run.js";
import { carried, type TaskRecord, type Violation } from "./records.js";

/** How long one program may take to unwind: ~100 times what a program needs. */
const PROGRAM_DEADLINE_MS = 2_000;
let programs = 0;
/** How long the root runs before it is stopped. */
const RUN_MS = 8;

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves with `true` when `promise` settles, `false` when the deadline passes first. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function activeHandles(): string[] {
  return process
    .getActiveResourcesInfo()
    .filter((kind) => kind === "Timeout" || kind === "Immediate");
}

/** Which code set the timers still active, for the report. */
function describeTimers(): string {
  const handles =
    (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles?.() ?? [];
  return handles
    .filter((handle) => (handle as { _onTimeout?: unknown })._onTimeout !== undefined)
    .map((handle) => {
      const timer = handle as { _idleTimeout: number; _onTimeout: () => void };
      return `${timer._idleTimeout} ms: ${String(timer._onTimeout).slice(0, 120)}`;
    })
    .join(" | ");
}

/** The live task tree of this program (earlier programs that hung may have left theirs). */
function safeTree(rootName?: string): string {
  try {
    const trees = taskTree();
    return formatTaskTree(
      rootName === undefined ? trees : trees.filter((tree) => tree.name === rootName),
    );
  } catch (error) {
    return `formatTaskTree() threw: ${String(error)}`;
  }
}

/**
 * Runs one program: the root runs for a few milliseconds, then
 * `await root.stop()`; then everything the root's stop may not reach
 * (detached tasks, workers, pending ManualTasks) is stopped too. Returns the
 * invariants it broke.
 */
export async function runProgram(program: Body, revised: boolean): Promise<Violation[]> {
  const run = new ProgramRun(revised);
  // Counted as deltas, so a program after one that hung is judged on its own.
  const liveBefore = taskTree().length;
  const handlesBefore = activeHandles().length;
  const unhandled: unknown[] = [];
  const warnings: string[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on("unhandledRejection", onUnhandled);
  process.on("warning", onWarning);
  try {
    const rootRecord = run.record({
      id: program.id,
      kind: "body",
      parent: undefined,
      detachedAtSpawn: false,
      observed: false, // observed by `root.wait()` below
      task: undefined,
    });
    const rootName = `root${++programs}`;
    const root = spawn(() => runBody(run, program), { name: rootName });
    rootRecord.task = root;
    const rootOutcome = root.wait().then(
      (value) => run.see(value),
      (error) => run.see(error),
    );
    // A few turns first, so steps that yield with sleep(0) get to run even
    // when the process was too busy for the run timer to mean anything.
    for (let i = 0; i < 3; i++) await turn();
    await within(rootOutcome, RUN_MS);

    run.finalStop = run.countFinalStop();
    if (!(await within(Promise.resolve(root.stop("final")), PROGRAM_DEADLINE_MS))) {
      run.violate(
        "nothing-hangs",
        `await root.stop() did not resolve within ${PROGRAM_DEADLINE_MS} ms; live tasks:\n${safeTree(rootName)}`,
      );
      return run.violations;
    }
    run.rootStopResolved = true;
    for (const record of run.records.values()) {
      if (record.starts > record.ends && run.coveredByRoot(record)) {
        run.violate(
          "stopped-means-cleaned-up",
          `#${record.id} had not finished its finally when await root.stop() resolved`,
        );
      }
    }
    await rootOutcome;

    // What the root's stop does not reach. A detached task may start more
    // detached tasks or workers while it unwinds, so repeat until none is left.
    const stopped = new Set<unknown>();
    for (let round = 0; round < 20; round++) {
      const rest: Promise<unknown>[] = [];
      for (const record of run.records.values()) {
        const task = record.task;
        if (task !== undefined && !task.isDone && !stopped.has(task)) {
          stopped.add(task);
          rest.push(Promise.resolve(task.stop("cleanup")));
        }
      }
      for (const { worker } of run.workers.values()) {
        if (!stopped.has(worker)) {
          stopped.add(worker);
          rest.push(worker.stop());
        }
      }
      if (rest.length === 0) break;
      if (!(await within(Promise.all(rest), PROGRAM_DEADLINE_MS))) {
        run.violate(
          "nothing-hangs",
          `stopping the detached tasks and workers did not finish within ${PROGRAM_DEADLINE_MS} ms; live tasks:\n${safeTree()}`,
        );
        return run.violations;
      }
    }
    // Let late callbacks, propagated failures and unhandled rejections arrive.
    await turn();
    await new Promise((resolve) => setTimeout(resolve, 2));
    await turn();
    await turn();

    checkEndings(run);
    checkStopReasons(run);
    checkFailures(run, unhandled);
    for (const warning of warnings) run.violate("no-warnings", warning);
    if (taskTree().length > liveBefore)
      run.violate("nothing-outlives-the-program", `tasks still running:\n${safeTree()}`);
    const handles = activeHandles();
    if (handles.length > handlesBefore) {
      run.violate(
        "no-timer-left",
        `still active: ${handles.join(", ")} (before the program: ${handlesBefore}); ${describeTimers()}`,
      );
    }
    return run.violations;
  } finally {
    if (run.violations.length > 0) run.violate("trace", run.trace.join("; "));
    process.off("unhandledRejection", onUnhandled);
    process.off("warning", onWarning);
  }
}

/** Each task ends exactly once: its body's finally once, its finish callbacks once. */
function checkEndings(run: ProgramRun): void {
  for (const record of run.records.values()) {
    if (record.starts !== record.ends) {
      run.violate(
        "each-task-ends-once",
        `#${record.id} started ${record.starts} times and ended ${record.ends} times`,
      );
    }
    const task = record.task;
    if (record.observed && task !== undefined) {
      const expected = task.isDone ? 1 : 0;
      if (record.finishCalls !== expected) {
        run.violate(
          "each-task-ends-once",
          `#${record.id} (done: ${task.isDone}) had ${record.finishCalls} finish callbacks`,
        );
      }
    }
  }
}

/**
 * The records whose stop number `stop` may reach `record`: itself, its
 * parents up to a link detached before that stop, the MultiTasks it belongs
 * to, and theirs.
 */
function stoppableFrom(run: ProgramRun, record: TaskRecord, stop: number): Set<number> {
  const reach = new Set<number>();
  const pending = [record];
  while (pending.length > 0) {
    const current = pending.pop() as TaskRecord;
    if (reach.has(current.id)) continue;
    reach.add(current.id);
    for (const multi of current.inMultis) pending.push(run.records.get(multi) as TaskRecord);
    const cut = current.detachedAfterStops !== undefined && current.detachedAfterStops <= stop;
    if (cut || current.parent === undefined) continue;
    if (
      !run.revised &&
      (current.kind === "manual" || current.kind === "multi" || current.kind === "job")
    )
      continue;
    const parent = run.records.get(current.parent);
    if (parent !== undefined) pending.push(parent);
  }
  return reach;
}

/**
 * A stop reaches only the stopped task's own subtree: a task's reason names
 * a stop of itself or of something whose stop cascades to it (a waiter that
 * is stopped must not stop the task it waited on), and the root's stop never
 * reaches a task spawned detached.
 */
function checkStopReasons(run: ProgramRun): void {
  for (const record of run.records.values()) {
    const reason = record.task?.stopReason;
    if (typeof reason !== "string") continue;
    if (reason === "final" && (run.revised || record.detachedAtSpawn)) {
      if (!stoppableFrom(run, record, run.finalStop).has(0)) {
        run.violate(
          "no-cascade-into-detached",
          `#${record.id} (detached) was stopped by the root's stop`,
        );
      }
    }
    const match = /^stop:\d+->(\d+)#(\d+)$/.exec(reason);
    if (run.revised && match !== null) {
      if (!stoppableFrom(run, record, Number(match[2])).has(Number(match[1]))) {
        run.violate(
          "a-stopped-waiter-stops-only-its-wait",
          `#${record.id} was stopped with ${reason}, a stop of a task that is not its ancestor (SPEC 4: waits never adopt)`,
        );
      }
    }
  }
}

/**
 * The `Error` a wait that could never end rejects with (SPEC 4): a program
 * may make one (an await on an ancestor, a MultiTask over one), and the
 * library means it, so it may go up to a detached task's unhandled rejection.
 */
function isCycleError(value: unknown): boolean {
  return value instanceof Error && value.message.startsWith("wait: ");
}

/** No failure is lost, and none is reported twice. */
function checkFailures(run: ProgramRun, unhandled: unknown[]): void {
  const reported = new Map<unknown, number>();
  for (const reason of unhandled) {
    const inside = carried(reason);
    const ours = [...inside].filter((value) => run.raised.has(value) || isCycleError(value));
    if (!run.revised || ours.length === 0) {
      run.violate("no-unmeant-unhandled-rejection", `unhandled rejection: ${describe(reason)}`);
    }
    for (const value of ours) reported.set(value, (reported.get(value) ?? 0) + 1);
    carried(reason, run.seen);
  }
  for (const [value, count] of reported) {
    if (count > 1)
      run.violate(
        "no-failure-reported-twice",
        `${describe(value)} was an unhandled rejection ${count} times`,
      );
  }
  if (!run.revised) return;
  for (const failure of run.raised) {
    if (failure instanceof Stopped) continue;
    if (!run.seen.has(failure))
      run.violate(
        "no-failure-is-lost",
        `${describe(failure)} reached no observer, parent or unhandled rejection`,
      );
  }
}

function describe(value: unknown): string {
  try {
    return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
  } catch {
    return "(an uninspectable value)";
  }
}

import type { Body } from "./program.js";
import type { ProgramRun } from "./program-run.js";
import type { TaskRecord } from "./records.js";

/** The tasks a step may name: any task so far (revised), or what this body made (old main). */
export function candidates(run: ProgramRun, body: Body, kinds: TaskRecord["kind"][]): TaskRecord[] {
  const all = [...run.records.values()].filter(
    (record) => record.task !== undefined && kinds.includes(record.kind),
  );
  if (run.revised) return all;
  return all.filter((record) => record.parent === body.id && !record.detached);
}

/**
 * `PROPERTY_NO_ANCESTOR_WAITS=1` keeps waits and MultiTasks off the waiting
 * body's own chain (itself and its parents), to look past the self-wait
 * class of failures to the next ones on a branch that still has it.
 */
const noAncestorWaits = process.env.PROPERTY_NO_ANCESTOR_WAITS === "1";

export function offOwnChain(run: ProgramRun, body: Body, records: TaskRecord[]): TaskRecord[] {
  if (!noAncestorWaits) return records;
  const chain = new Set<number>();
  for (let id: number | undefined = body.id; id !== undefined; id = run.records.get(id)?.parent) {
    chain.add(id);
  }
  return records.filter((record) => !chain.has(record.id));
}

export function pick<T>(list: T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

export const TASK_KINDS: TaskRecord["kind"][] = ["body", "timed", "job", "manual", "multi"];

export function pickWorker(run: ProgramRun, body: Body, index: number) {
  const all = [...run.workers.values()];
  return pick(run.revised ? all : all.filter((entry) => entry.owner === body.id), index);
}

import type { Task } from "@gentletask/tasks";

/** What the run knows about one body, ManualTask, MultiTask or worker job. */
export interface TaskRecord {
  readonly id: number;
  readonly kind: "body" | "timed" | "job" | "manual" | "multi";
  /** The body whose code created it (for a job: the body that created its worker). */
  readonly parent: number | undefined;
  /** Spawned with `detach: true`. */
  readonly detachedAtSpawn: boolean;
  /** Detached, at spawn or later. */
  detached: boolean;
  /** How many stops the program had issued when it was detached: a stop issued before still reached it. */
  detachedAfterStops: number | undefined;
  /** Whether someone registered a finish callback when it was created. */
  readonly observed: boolean;
  /** The MultiTasks it was given to. */
  readonly inMultis: number[];
  task: Task | undefined;
  starts: number;
  ends: number;
  finishCalls: number;
}

/** One broken invariant: its name, what was seen, and whether only the revised SPEC 4 promises it. */
export interface Violation {
  readonly invariant: string;
  readonly detail: string;
}

/** Unwraps what an error carries: AggregateError members, `cause`, a `Stopped`'s reason. */
export function carried(value: unknown, into: Set<unknown> = new Set()): Set<unknown> {
  const pending = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (into.has(item)) continue;
    into.add(item);
    if (typeof item !== "object" || item === null) continue;
    try {
      if (item instanceof AggregateError) pending.push(...item.errors);
      const { cause, reason } = item as { cause?: unknown; reason?: unknown };
      if (cause !== undefined) pending.push(cause);
      if (reason !== undefined) pending.push(reason);
    } catch {
      // a hostile value carries nothing we made
    }
  }
  return into;
}

import { Event, Queue } from "@gentletask/primitives";
import type { SerialWorker, Task } from "@gentletask/tasks";
import { carried, type TaskRecord, type Violation } from "./records.js";

/**
 * The state of one program while it runs: every task it made, by id, and
 * what was seen. `revised` selects the program space (see spec-switch.ts):
 * without it a body waits on, stops and combines only what it made itself.
 */
export class ProgramRun {
  readonly records = new Map<number, TaskRecord>();
  readonly workers = new Map<number, { worker: SerialWorker; owner: number }>();
  readonly queues = [new Queue<number>(), new Queue<number>(1)];
  readonly events = [new Event(), new Event()];
  readonly violations: Violation[] = [];
  /** What the steps that name a task resolved to, in order: "#3 await #1". */
  readonly trace: string[] = [];
  /** Every error a body threw or a ManualTask failed with (not `Stopped`). */
  readonly raised = new Set<unknown>();
  /** Everything an observer received, unwrapped. */
  readonly seen = new Set<unknown>();
  rootStopResolved = false;
  /** The number of the runner's own stop of the root. */
  finalStop = Number.POSITIVE_INFINITY;
  #stops = 0;
  #items = 0;

  constructor(readonly revised: boolean) {}

  violate(invariant: string, detail: string): void {
    this.violations.push({ invariant, detail });
  }

  log(line: string): void {
    if (this.trace.length < 200) this.trace.push(line);
  }

  see(value: unknown): void {
    if (value !== undefined) carried(value, this.seen);
  }

  record(
    init: Omit<
      TaskRecord,
      "detached" | "detachedAfterStops" | "inMultis" | "starts" | "ends" | "finishCalls"
    >,
  ): TaskRecord {
    const record: TaskRecord = {
      ...init,
      detached: init.detachedAtSpawn,
      detachedAfterStops: init.detachedAtSpawn ? this.#stops : undefined,
      inMultis: [],
      starts: 0,
      ends: 0,
      finishCalls: 0,
    };
    this.records.set(record.id, record);
    return record;
  }

  /** Whether root's stop must reach `record`: a chain of parents up to the root with no detached link. */
  coveredByRoot(record: TaskRecord): boolean {
    let current: TaskRecord | undefined = record;
    while (current !== undefined) {
      if (current.detached) return false;
      if (current.kind === "manual" || current.kind === "multi") {
        if (!this.revised) return false; // on old main these have no parent
      }
      if (current.kind === "job" && !this.revised) return false; // nor are jobs their creator's
      if (current.parent === undefined) return true;
      current = this.records.get(current.parent);
    }
    return false;
  }

  observe(record: TaskRecord, task: Task): void {
    if (!record.observed) return;
    task.addFinishCallback((_result, error) => {
      record.finishCalls++;
      this.see(error);
    });
  }

  /** How many stops the program has issued so far (the root's final stop included). */
  get stopCount(): number {
    return this.#stops;
  }

  /** Counts the runner's own stop of the root, so detaches can be ordered against it. */
  countFinalStop(): number {
    return this.#stops++;
  }

  nextReason(from: number, to: number): string {
    return `stop:${from}->${to}#${this.#stops++}`;
  }

  nextItem(): number {
    return this.#items++;
  }
}

import { runInTask } from "@gentletask/semantic-stack/task-record";
import type { Task } from "@gentletask/tasks";
import { vi } from "vitest";

/** One turn of the event loop: everything already queued (immediates, microtasks) runs first. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Waits, turn by turn, until `predicate()` holds; fails after `turns` turns. */
export async function until(predicate: () => boolean, turns = 10_000): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (predicate()) return;
    await nextTurn();
  }
  throw new Error(`condition not met after ${turns} turns: ${predicate.toString()}`);
}

/** Waits real time, outside any stop-awareness (test scaffolding only). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Settles `promise` into a plain record, so a test can look at how it ended without a rejection escaping. */
export function outcome<T>(
  promise: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/**
 * A hand-written task implementing the public Task protocol and nothing
 * more (no `signal`), that lets a test count its registered stop callbacks.
 * `run(fn)` makes it the current task for `fn`.
 */
export class ProtocolTask implements Task<unknown> {
  readonly name: string;
  isDone = false;
  isStopped = false;
  stopReason: unknown = undefined;
  readonly callbacks = new Set<() => void>();
  readonly result: Promise<unknown> = new Promise(() => {});

  constructor(name = "protocol-task") {
    this.name = name;
  }

  run<T>(fn: () => T): T {
    return runInTask(this, this.name, fn);
  }

  wait(): Promise<unknown> {
    return this.result;
  }

  stop(reason?: unknown): void {
    if (this.isStopped) return;
    this.isStopped = true;
    this.stopReason = reason;
    const callbacks = [...this.callbacks];
    this.callbacks.clear();
    for (const callback of callbacks) callback();
  }

  addFinishCallback(): void {}

  addStopCallback(fn: () => void): void {
    if (this.isStopped) fn();
    else this.callbacks.add(fn);
  }

  removeStopCallback(fn: () => void): void {
    this.callbacks.delete(fn);
  }

  detach(): void {}
}

/** A running body inside some kind of task, as the stop-awareness tests drive it. */
export interface Running {
  readonly task: Task;
  /** How the body ended. */
  readonly ended: Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
  stop(reason?: unknown): void;
}

/** Runs `body` inside a fresh task of one kind. */
export type TaskKind = (body: () => Promise<unknown>) => Running;

/**
 * Runs `fn` with `setTimeout`/`clearTimeout` faked, so `vi.getTimerCount()`
 * counts exactly the timers the code under test holds (the test runner's own
 * timers are not faked, and `setImmediate` stays real for `nextTurn`).
 */
export async function withFakeTimeouts<T>(fn: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    return await fn();
  } finally {
    vi.useRealTimers();
  }
}

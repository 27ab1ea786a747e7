import type { Stopped } from "../stopped.js";
import type { FinishCallback, Task } from "../task.js";
import type { StopCallbacks } from "./callbacks.js";
import type { StopRejects } from "./stop-wait.js";

/**
 * Where a built-in task is in its life; public getters derive from it.
 * - `pending`: created, body not started (deferred start, or the microtask
 *   that starts it has not run yet).
 * - `running`: the body runs (or, for tasks without a body, it waits to be completed).
 * - `unwinding`: the body has exited; its outcome waits until the children have exited.
 * - `done` / `failed`: settled, the result is delivered.
 */
export type Phase =
  | { readonly state: "pending" }
  | { readonly state: "running" }
  | { readonly state: "unwinding"; readonly ok: boolean; readonly value: unknown }
  | { readonly state: "done"; readonly value: unknown }
  | { readonly state: "failed"; readonly error: unknown };

export const PENDING: Phase = Object.freeze({ state: "pending" });
export const RUNNING: Phase = Object.freeze({ state: "running" });

/** The body is still executing (it may outlive an early settle). */
export const BODY_LIVE = 1;
/** The task has exited: result delivered, body and children gone. */
export const EXITED = 2;
/** A stop has been requested. */
export const STOPPED = 4;
/**
 * Created inside `shield` (of its parent's body): the parent's stop does not
 * cascade to it. The parent still stops it when its body exits, and waits for it.
 */
export const SHIELDED = 16;
/** Someone took the outcome of this failed task after it settled (see `lifecycle.ts`). */
export const OBSERVED = 32;

/**
 * What differs between kinds of built-in task, as one object each kind
 * shares: how the core calls back into the public class without a friend
 * function (the public class writes these, the core only calls them).
 */
export interface TaskKind {
  /** Whether the task settles with `Stopped` the moment it is stopped (queued jobs, manual tasks). */
  readonly settlesOnStop: boolean;
  /** Called once when the task is stopped, after its callbacks fired. */
  onStopRequested?(node: TaskNode): void;
  /** Called once when the task has exited: body and children done, result delivered. */
  onExit?(node: TaskNode): void;
}

/** Something waiting for a task to settle (see `task-waiter.ts`). */
export interface NodeWaiter {
  settleWith(ok: boolean, value: unknown): void;
}

/** The parts of a task that few tasks need, kept out of line so a task stays small. */
export interface NodeExtras {
  /** The reason given to the first `stop(reason)`. */
  stopReason?: unknown;
  /** The `Stopped` the signal aborts with and a stop completes with. */
  stopError?: Stopped;
  /** What `stop()` returns: resolves when the task has exited. */
  exitPromise?: Promise<void>;
  exitResolve?: (() => void) | undefined;
  controller?: AbortController;
  /** Armed by `raiseErrors`. */
  raiseTemplate?: string;
  /** Children's failures that nobody observed and that went up to this task: it fails with them. */
  childFailures?: unknown[];
  /** Children's failures waiting for the unobserved-failure check: the task does not exit before it. */
  pendingChildFailures?: number;
  /** A parent that is a custom task, which keeps no children list: we ride on its stop callbacks. */
  customParent?: { task: Task; onStop: () => void } | undefined;
  /** Tasks this one asked to stop that have not exited: it may be awaiting their exit (see `wait-cycles.ts`). */
  awaitingExit?: TaskNode[] | undefined;
  /** Tasks that asked this one to stop while it had not exited: the other end of their `awaitingExit`. */
  exitAwaiters?: TaskNode[] | undefined;
}

/**
 * The internal record of one built-in task: its fields and nothing else. The
 * public class (`TaskBase`) owns one and delegates to the `core/` files,
 * which all take this record, never the public class: that is how they
 * share a task's state without friend functions or import cycles.
 */
export class TaskNode {
  /** The public object, for the callbacks and errors that must name it. */
  readonly task: Task;
  readonly kind: TaskKind;
  phase: Phase = PENDING;
  /** Bits: see `BODY_LIVE` and the others above; tasks are many, so small counts. */
  flags = 0;
  stopCallbacks: StopCallbacks = undefined;
  /** The stop-only waits (`sleep(Infinity)`) to reject when stopped: see `stop-wait.ts`. */
  stopRejects: StopRejects = undefined;
  /** None, one, or several: most tasks have at most one. */
  finishCallbacks: FinishCallback<never>[] | FinishCallback<never> | undefined = undefined;
  /** None, one, or a set of several: most tasks have at most one waiter. */
  waiters: NodeWaiter | Set<NodeWaiter> | undefined = undefined;
  /** The shared result promise, made only when someone waits (see `result-promise.ts`). */
  deferred:
    | { promise: Promise<unknown>; resolve(v: unknown): void; reject(e: unknown): void }
    | undefined = undefined;
  extra: NodeExtras | undefined = undefined;
  /** The built-in tasks this one is waiting on now (one, or a list), for the cycle check. */
  waitingOn: TaskNode | TaskNode[] | undefined = undefined;
  // Tree links (see `children.ts`): the parent's children or the root list.
  parent: TaskNode | undefined = undefined;
  firstChild: TaskNode | undefined = undefined;
  prevSibling: TaskNode | undefined = undefined;
  nextSibling: TaskNode | undefined = undefined;
  /** When the task was created (see `coarse-clock.ts`), for the age `taskTree()` reports. */
  readonly createdAt: number;

  constructor(task: Task, kind: TaskKind, createdAt: number) {
    this.task = task;
    this.kind = kind;
    this.createdAt = createdAt;
  }

  /** The task's name, as it appears on the throughline (kept once, on the public object). */
  get name(): string {
    return this.task.name;
  }

  /** The reason given to the first stop; kept with the extras, as only stopped tasks have one. */
  get stopReason(): unknown {
    return this.extra?.stopReason;
  }

  set stopReason(reason: unknown) {
    extrasOf(this).stopReason = reason;
  }
}

/** The node's rarely used fields, created on first use. */
export function extrasOf(node: TaskNode): NodeExtras {
  if (node.extra === undefined) node.extra = {};
  return node.extra;
}

/** Whether the node's result is known. */
export function isSettled(node: TaskNode): boolean {
  const state = node.phase.state;
  return state === "done" || state === "failed";
}

/**
 * The key under which a built-in task of this copy of the package keeps its
 * node: a plain `Symbol()`, so no other code (nor another copy) can reach it.
 */
export const NODE: unique symbol = Symbol("gentletask.task-node");

/** The node of a built-in task of this copy of the package; `undefined` for anything else. */
export function nodeOf(value: unknown): TaskNode | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as { [NODE]?: TaskNode })[NODE];
}

/**
 * Whether `value` is a built-in task of this copy of the package: a task for
 * certain, with no structural check.
 *
 * @internal Shared with `@gentletask/primitives` through `@gentletask/tasks/internal`.
 */
export function isBuiltInTask(value: unknown): value is Task {
  return nodeOf(value) !== undefined;
}

import { reportUncaught } from "../report-uncaught.js";
import { fireFinishCallbacks, reportIfArmed } from "./callbacks.js";
import { unlink } from "./children.js";
import { isFailure, ownOutcome, raiseUnhandled, withChildFailures } from "./failures.js";
import { stopForLibrary } from "./library-stop.js";
import { settleSharedResult } from "./result-promise.js";
import {
  BODY_LIVE,
  EXITED,
  extrasOf,
  isSettled,
  type NodeExtras,
  type NodeWaiter,
  OBSERVED,
  PENDING,
  type Phase,
  RUNNING,
  type TaskNode,
} from "./task-node.js";
import { forgetExitWaits } from "./wait-cycles.js";

/**
 * The only code that writes a task's phase: `pending → running →
 * unwinding → done | failed`, and the exit that follows once the body and
 * every child are gone.
 */

/** Moves from `pending` to `running`; false if the task already left `pending` (it was stopped). */
export function enterRunning(node: TaskNode, hasBody: boolean): boolean {
  if (node.phase !== PENDING) return false;
  node.phase = RUNNING;
  if (hasBody) node.flags |= BODY_LIVE;
  return true;
}

/** Settles a pending or running node with `Stopped` at once (the stop of a queued job or manual task). */
export function settleNow(node: TaskNode, error: unknown): void {
  node.phase = RUNNING;
  settle(node, false, error);
  tryExit(node);
}

/**
 * The body exited (or a bodiless task was completed): settles at once if no
 * child is left, or moves to `unwinding`. Returns whether children are left,
 * which the caller must stop.
 */
export function bodyExited(node: TaskNode, ok: boolean, value: unknown, hasBody: boolean): boolean {
  if (hasBody) node.flags &= ~BODY_LIVE;
  if (node.phase.state === "running") {
    // A child that already exited may have failed unobserved: its failure
    // is still on its way up, so the outcome waits for it (`tryExit`).
    const failuresOnTheirWay = (node.extra?.pendingChildFailures ?? 0) > 0;
    if (node.firstChild === undefined && !failuresOnTheirWay) {
      settle(node, ok, value);
      tryExit(node);
      return false;
    }
    node.phase = { state: "unwinding", ok, value };
    return node.firstChild !== undefined;
  }
  // Settled early (a stopped job): its waiters already have the `Stopped`,
  // so a failure its body still threw can reach nobody here: it goes up.
  if (!ok && isFailure(node, value)) queueUnobserved(node, value, true);
  if (node.firstChild === undefined) {
    // Only the exit was waiting for the body.
    tryExit(node);
    return false;
  }
  return true;
}

/** The phase of every task done with `undefined` (most jobs and void bodies): shared, it costs none. */
const DONE_VOID: Phase = Object.freeze({ state: "done", value: undefined });

/** Delivers the outcome: phase, shared promise, waiters, finish callbacks, `raiseErrors`. */
function settle(node: TaskNode, ok: boolean, value: unknown): void {
  const childFailures = node.extra?.childFailures;
  if (childFailures !== undefined) {
    value = withChildFailures(node, ok, value, childFailures);
    ok = false;
  } else if (!ok) {
    value = ownOutcome(node, value);
  }
  // Observed: someone is there to take the outcome as it is delivered.
  const observed =
    ok ||
    node.waiters !== undefined ||
    node.finishCallbacks !== undefined ||
    node.deferred !== undefined ||
    node.extra?.raiseTemplate !== undefined;
  node.phase = ok
    ? value === undefined
      ? DONE_VOID
      : { state: "done", value }
    : { state: "failed", error: value };
  settleSharedResult(node, ok, value);
  const waiters = node.waiters;
  if (waiters !== undefined) {
    node.waiters = undefined;
    if (waiters instanceof Set) for (const waiter of waiters) waiter.settleWith(ok, value);
    else waiters.settleWith(ok, value);
  }
  fireFinishCallbacks(node, ok, value);
  if (!ok) {
    reportIfArmed(node, value);
    if (!observed && isFailure(node, value)) queueUnobserved(node, value);
  }
}

/**
 * A failure nobody observed when it was delivered. The check runs once the
 * current turn's microtasks are done (when Node would call a rejection
 * unhandled): observed by then (`wait`, `then`, a finish callback), it is
 * left alone; else it goes up. Meanwhile the parent does not exit, so it
 * cannot deliver a success before the check.
 */
interface Unobserved {
  readonly node: TaskNode;
  readonly error: unknown;
  readonly parent: TaskNode | undefined;
  /** Thrown after the task had settled (with a stop): nobody can observe it, it always goes up. */
  readonly late: boolean;
}

let unobserved: Unobserved[] = [];

function queueUnobserved(node: TaskNode, error: unknown, late = false): void {
  // A parent that settled early (a stopped worker) takes no failure: the
  // first ancestor still running does.
  let parent = node.parent;
  while (parent !== undefined && isSettled(parent)) parent = parent.parent;
  if (parent !== undefined) {
    const extra = extrasOf(parent);
    extra.pendingChildFailures = (extra.pendingChildFailures ?? 0) + 1;
  }
  unobserved.push({ node, error, parent, late });
  if (unobserved.length === 1) setImmediate(checkUnobserved);
}

/**
 * Sends each still unobserved failure up: its parent is stopped with it as
 * the reason and fails with it; at a root, a detached task or under a custom
 * parent, it is raised as an unhandled rejection. Each failure goes up once.
 */
function checkUnobserved(): void {
  const batch = unobserved;
  unobserved = [];
  for (const { node, error, parent, late } of batch) {
    if (parent !== undefined) {
      const extra = parent.extra as NodeExtras;
      extra.pendingChildFailures = (extra.pendingChildFailures as number) - 1;
    }
    if (late || (node.flags & OBSERVED) === 0) sendUp(node, error, parent);
    if (parent !== undefined) tryExit(parent);
  }
}

/**
 * Fails `parent` with `node`'s failure (it is stopped with it as the reason),
 * or raises the failure as an unhandled rejection if there is no parent. A
 * parent that settled meanwhile (a worker its owner stopped settles at
 * once) takes no failure: the first ancestor still running does.
 */
function sendUp(node: TaskNode, error: unknown, parent: TaskNode | undefined): void {
  let to = parent;
  while (to !== undefined && isSettled(to)) to = to.parent;
  if (to === undefined) {
    raiseUnhandled(node, error);
    return;
  }
  const extra = extrasOf(to);
  if (extra.childFailures === undefined) extra.childFailures = [];
  extra.childFailures.push(error);
  // Through the public protocol: the core's stop is the task's stop.
  void stopForLibrary(to.task, error);
}

/** Adds a waiter that {@link settle} will settle. */
export function addWaiter(node: TaskNode, waiter: NodeWaiter): void {
  const waiters = node.waiters;
  if (waiters === undefined) node.waiters = waiter;
  else if (waiters instanceof Set) waiters.add(waiter);
  else node.waiters = new Set([waiters, waiter]);
}

/** Forgets a waiter that gave up. */
export function forgetWaiter(node: TaskNode, waiter: NodeWaiter): void {
  const waiters = node.waiters;
  if (waiters === waiter) node.waiters = undefined;
  else if (waiters instanceof Set) waiters.delete(waiter);
}

/** Exits `start` if it can, then each ancestor that was only waiting for it: a loop, not recursion. */
export function tryExit(start: TaskNode): void {
  let node: TaskNode | undefined = start;
  while (node !== undefined) {
    if ((node.flags & (EXITED | BODY_LIVE)) !== 0 || node.firstChild !== undefined) break;
    if ((node.extra?.pendingChildFailures ?? 0) > 0) break;
    const phase = node.phase;
    if (phase.state === "unwinding") settle(node, phase.ok, phase.value);
    else if (phase.state !== "done" && phase.state !== "failed") break;
    node.flags |= EXITED;
    // A task that exited keeps no callbacks it could never fire.
    node.stopCallbacks = undefined;
    node.stopRejects = undefined;
    const extra = node.extra;
    if (extra?.exitResolve !== undefined) {
      extra.exitResolve();
      extra.exitResolve = undefined;
    }
    forgetExitWaits(node);
    const onExit = node.kind.onExit;
    if (onExit !== undefined) {
      try {
        onExit(node);
      } catch (error) {
        reportUncaught(error);
      }
    }
    node = leaveParent(node);
  }
}

/** Leaves the parent (or root list); returns a built-in parent that may exit now. */
export function leaveParent(node: TaskNode): TaskNode | undefined {
  const custom = node.extra?.customParent;
  if (custom !== undefined) {
    (node.extra as NodeExtras).customParent = undefined;
    custom.task.removeStopCallback(custom.onStop);
  }
  return unlink(node);
}

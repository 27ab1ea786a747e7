import { raiseErrorsReport } from "../raise-report.js";
import { reportUncaught } from "../report-uncaught.js";
import { isStopOnly } from "../stopped.js";
import type { FinishCallback } from "../task.js";
import { extrasOf, OBSERVED, type TaskNode } from "./task-node.js";

/**
 * A task's stop callbacks, stored without allocating for the common cases:
 * none (`undefined`), one (the function itself), or a `Set` of several.
 * Adding the same function twice registers it once.
 */
export type StopCallbacks = undefined | (() => void) | Set<() => void>;

export function addCallback(slot: StopCallbacks, fn: () => void): StopCallbacks {
  if (slot === undefined) return fn;
  if (typeof slot === "function") return slot === fn ? slot : new Set([slot, fn]);
  slot.add(fn);
  return slot;
}

export function removeCallback(slot: StopCallbacks, fn: () => void): StopCallbacks {
  if (slot === fn) return undefined;
  if (slot instanceof Set) {
    slot.delete(fn);
    if (slot.size === 0) return undefined;
  }
  return slot;
}

/** Calls every callback once; one that throws is reported and the rest still run. */
export function fireCallbacks(slot: StopCallbacks): void {
  if (slot === undefined) return;
  if (typeof slot === "function") {
    callReported(slot);
    return;
  }
  for (const fn of slot) callReported(fn);
}

/** Calls `fn`; if it throws, reports the error as uncaught and carries on. */
export function callReported(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    reportUncaught(error);
  }
}

/** Adds a finish callback to an unsettled node (the caller handles settled ones). */
export function addFinishCallback(node: TaskNode, fn: FinishCallback<never>): void {
  const slot = node.finishCallbacks;
  if (slot === undefined) node.finishCallbacks = fn;
  else if (typeof slot === "function") node.finishCallbacks = [slot, fn];
  else slot.push(fn);
}

/**
 * Takes a finish callback off an unsettled node: whoever added it no longer
 * watches the task, so its failure must not count as observed by them.
 */
export function removeFinishCallback(node: TaskNode, fn: FinishCallback<never>): void {
  const slot = node.finishCallbacks;
  if (slot === fn) node.finishCallbacks = undefined;
  else if (Array.isArray(slot)) {
    const at = slot.indexOf(fn);
    if (at !== -1) slot.splice(at, 1);
    if (slot.length === 0) node.finishCallbacks = undefined;
  }
}

/** Calls `fn` with a settled outcome, reporting a throw. */
export function callFinish(fn: FinishCallback<never>, ok: boolean, value: unknown): void {
  const result = (ok ? value : undefined) as never;
  const error = ok ? undefined : value;
  callReported(() => fn(result, error));
}

/** Takes and calls the node's finish callbacks with its outcome, once. */
export function fireFinishCallbacks(node: TaskNode, ok: boolean, value: unknown): void {
  const slot = node.finishCallbacks;
  if (slot === undefined) return;
  node.finishCallbacks = undefined;
  if (typeof slot === "function") callFinish(slot, ok, value);
  else for (const fn of slot) callFinish(fn, ok, value);
}

/**
 * Arms `raiseErrors` for a node: its failure (not a `Stopped`) is reported
 * once with `template`; the first template wins. A node that has already
 * failed is reported now.
 */
export function armRaiseErrors(node: TaskNode, template: string): void {
  const extra = extrasOf(node);
  if (extra.raiseTemplate !== undefined) return;
  extra.raiseTemplate = template;
  const phase = node.phase;
  if (phase.state === "failed") {
    node.flags |= OBSERVED;
    reportRaised(node, phase.error);
  }
}

/** Reports a settled failure if `raiseErrors` is armed for the node. */
export function reportIfArmed(node: TaskNode, error: unknown): void {
  if (node.extra?.raiseTemplate !== undefined) reportRaised(node, error);
}

function reportRaised(node: TaskNode, error: unknown): void {
  if (isStopOnly(error)) return;
  reportUncaught(raiseErrorsReport(node.extra?.raiseTemplate as string, node.name, error));
}

import { throughline } from "@gentletask/semantic-stack";
import { DEFAULT_RAISE_TEMPLATE, raiseErrorsReport } from "../raise-report.js";
import { isStopOnly, Stopped } from "../stopped.js";
import { TaskTimeoutError } from "../task-timeout-error.js";
import type { TaskNode } from "./task-node.js";

/**
 * What "no failure is lost" needs besides the lifecycle: which outcomes are
 * failures, the outcome a parent fails with when its children's failures
 * went up to it, and how a failure that reached the top is raised.
 */

/**
 * What a task settles with instead of `error`: a task stopped by its own
 * `timeoutMs` gives its waiters the `TaskTimeoutError`, as `withTimeout` does.
 */
export function ownOutcome(node: TaskNode, error: unknown): unknown {
  if (error instanceof Stopped) {
    const reason = error.reason;
    if (isOwnTimeout(node, reason)) return reason;
  }
  return error;
}

/** Whether `value` is the `TaskTimeoutError` of `node`'s own `timeoutMs`; false for any hostile value. */
function isOwnTimeout(node: TaskNode, value: unknown): value is TaskTimeoutError {
  try {
    return value instanceof TaskTimeoutError && value.task === node.task;
  } catch {
    return false;
  }
}

/**
 * Whether `error` is a failure of `node`: anything but a stop's `Stopped`
 * (or an error it caused, or the task's own timeout). A `Stopped` that
 * reached a task which was not itself stopped (it awaited a stopped task)
 * is still the consequence of a stop someone asked for, as `raiseErrors`
 * sees it: not sent up.
 */
export function isFailure(node: TaskNode, error: unknown): boolean {
  if (isStopOnly(error)) return false;
  return !isOwnTimeout(node, error);
}

/**
 * The outcome of a task whose children's unobserved failures went up to it:
 * it fails with them (after its own failure, if its body failed other than
 * by the stop they caused), one error as itself, several as an `AggregateError`.
 */
export function withChildFailures(
  node: TaskNode,
  ok: boolean,
  value: unknown,
  childFailures: readonly unknown[],
): unknown {
  const failures = !ok && !isStopOnly(value) ? [value, ...childFailures] : [...childFailures];
  if (failures.length === 1) return failures[0];
  return new AggregateError(failures, `${failures.length} failures in task "${node.name}"`);
}

/** Errors already raised as unhandled rejections, so none is raised twice. */
const raisedAlready = new WeakSet<object>();

/**
 * Raises a failure nobody observed at a root (or detached) task as an
 * unhandled rejection, so Node's `--unhandled-rejections` policy decides (by
 * default the process crashes with it). The error is a `TaskFailedError`
 * naming the task, whose `cause` is the failure and whose `throughline` is
 * the chain of names where it was raised.
 */
export function raiseUnhandled(node: TaskNode, error: unknown): void {
  // Several detached tasks that awaited one failed task fail with its very
  // error: it is one failure, raised once.
  if ((typeof error === "object" && error !== null) || typeof error === "function") {
    if (raisedAlready.has(error)) return;
    raisedAlready.add(error);
  }
  const report = raiseErrorsReport(DEFAULT_RAISE_TEMPLATE, node.name, error);
  const frames = throughline.errorFrames(error);
  (report as Error & { throughline: string[] }).throughline =
    frames === undefined ? [] : frames.map((frame) => String(frame.name));
  // Deliberately left without a handler: this is the rejection Node reports.
  void Promise.reject(report);
}

import { isThenable } from "@gentletask/semantic-stack/argument-errors";
import {
  currentTaskRecord,
  rememberRaiseSite,
  runInTaskAsReaction,
} from "@gentletask/semantic-stack/task-record";
import { bodyExited } from "./lifecycle.js";
import { stopChildren } from "./stop-cascade.js";
import { nodeOf, STOPPED, type TaskNode } from "./task-node.js";

/**
 * Reports how the body of `node` (or, with `hasBody` false, a bodiless
 * task's completion) ended: settles the task if nothing is left running
 * under it, else stops what the body left running and waits for it.
 */
export function reportExit(node: TaskNode, ok: boolean, value: unknown, hasBody: boolean): void {
  if (!bodyExited(node, ok, value, hasBody)) return;
  // The body is gone: stop what it left running and wait for it to exit.
  stopChildren(node, (node.flags & STOPPED) !== 0 ? node.stopReason : undefined);
}

/** Reports the body's exit to the current task (the handlers below run in its context). */
function exitedHere(ok: boolean, value: unknown): void {
  reportExit(nodeOf(currentTaskRecord()) as TaskNode, ok, value, true);
}

function onBodyValue(value: unknown): void {
  exitedHere(true, value);
}

function onBodyError(error: unknown): void {
  rememberRaiseSite(error);
  exitedHere(false, error);
}

/** Starts the body, inside the task's context, and hooks up the report of its exit. */
function startBody(
  node: TaskNode,
  fn: (...args: never[]) => unknown,
  args: readonly unknown[] | undefined,
): void {
  const result = args === undefined ? fn() : fn(...(args as never[]));
  if (isThenable(result)) {
    // A native promise of our realm keeps its own `then`; anything else
    // (a subclass, a foreign thenable that may call back twice or throw)
    // is adopted by one first.
    const promise =
      result instanceof Promise && result.constructor === Promise
        ? result
        : Promise.resolve(result);
    // Shared handlers, not closures per task: a reaction registered here
    // runs in this task's context, so they find it as the current task.
    promise.then(onBodyValue, onBodyError);
  } else {
    reportExit(node, true, result, true);
  }
}

/**
 * Runs `fn(...args)` as the body of `node`, as its name on the throughline
 * with its task current, and reports its exit. Call after
 * `enterRunning(node, true)`, as the last thing the promise reaction that
 * starts the body does: the task's context may last to the reaction's end.
 */
export function runBody(
  node: TaskNode,
  fn: (...args: never[]) => unknown,
  args: readonly unknown[] | undefined,
): void {
  try {
    runInTaskAsReaction(node.task, node.name, startBody, node, fn, args);
  } catch (error) {
    reportExit(node, false, error, true);
  }
}

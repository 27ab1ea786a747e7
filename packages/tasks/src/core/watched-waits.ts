import { nodeOf } from "./task-node.js";
import { checkNoCycle, startWaitingOn, stopWaitingOn } from "./wait-cycles.js";

/**
 * The cycle checks of a wait, for a task that watches others without
 * calling their `wait` (a combinator of `@gentletask/primitives` watches
 * its tasks through finish callbacks). Both sides are plain task objects; a
 * custom task (no built-in record) takes part in no check.
 */

/**
 * Starts `waiter`'s wait on `target`: the `Error` naming the tasks if that
 * wait could never end (`target` is `waiter` or one of its ancestors, or the
 * wait closes a cycle), else `undefined`, and the wait is recorded so later
 * waits on `waiter` see it. End it with {@link stopWatching}.
 */
export function startWatching(waiter: object, target: object): Error | undefined {
  const waiterNode = nodeOf(waiter);
  const targetNode = nodeOf(target);
  if (waiterNode === undefined || targetNode === undefined) return undefined;
  const cycle = checkNoCycle(targetNode, waiter);
  if (cycle === undefined) startWaitingOn(waiterNode, targetNode);
  return cycle;
}

/** Ends one wait that {@link startWatching} recorded. */
export function stopWatching(waiter: object, target: object): void {
  const waiterNode = nodeOf(waiter);
  const targetNode = nodeOf(target);
  if (waiterNode !== undefined && targetNode !== undefined) stopWaitingOn(waiterNode, targetNode);
}

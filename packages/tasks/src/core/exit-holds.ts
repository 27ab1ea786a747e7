import { EXITED, extrasOf, type TaskNode } from "./task-node.js";

/**
 * A task waited on from inside `caller` is the caller's child for as long as
 * the wait lasts: when the caller's stop ends the wait and stops the task,
 * the caller does not exit before it has (unless that would be a cycle).
 */
export function holdExitFor(caller: TaskNode, target: TaskNode): void {
  if ((caller.flags & EXITED) !== 0 || (target.flags & EXITED) !== 0) return;
  // A child already holds its parent's exit: the usual case, and cheap.
  if (target.parent === caller) return;
  if (exitWaitsFor(target, caller)) return;
  const callerExtras = extrasOf(caller);
  if (callerExtras.holding === undefined) callerExtras.holding = new Set();
  callerExtras.holding.add(target);
  const targetExtras = extrasOf(target);
  if (targetExtras.heldBy === undefined) targetExtras.heldBy = new Set();
  targetExtras.heldBy.add(caller);
}

/**
 * Whether `from`'s exit waits, through children and held tasks, for `on`:
 * walks up from `on` through parents and holders, which are few.
 */
function exitWaitsFor(from: TaskNode, on: TaskNode): boolean {
  const work: TaskNode[] = [on];
  const seen = new Set<TaskNode>();
  for (let node = work.pop(); node !== undefined; node = work.pop()) {
    if (node === from) return true;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.parent !== undefined) work.push(node.parent);
    const heldBy = node.extra?.heldBy;
    if (heldBy !== undefined) for (const holder of heldBy) work.push(holder);
  }
  return false;
}

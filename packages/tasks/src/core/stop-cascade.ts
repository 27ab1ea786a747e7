import { reportUncaught } from "../report-uncaught.js";
import { Stopped } from "../stopped.js";
import { fireCallbacks } from "./callbacks.js";
import { settleNow } from "./lifecycle.js";
import { rejectStopWaits } from "./stop-wait.js";
import { extrasOf, SHIELDED, STOPPED, type TaskNode } from "./task-node.js";

/** The `Stopped` a node's signal aborts with and a stop settles it with; made once. */
export function stoppedError(node: TaskNode): Stopped {
  const extra = extrasOf(node);
  if (extra.stopError === undefined) extra.stopError = new Stopped(node.stopReason);
  return extra.stopError;
}

/**
 * Stops `root` and every non-detached descendant not created inside a
 * shield, with a work list (no recursion: a chain thousands deep must not
 * overflow the stack). Two passes: first every task of the subtree is
 * marked stopped, then each aborts its signal, fires its stop callbacks and
 * runs its kind's hook, so a callback that stops another task of the tree
 * finds it already stopped instead of recursing down the tree.
 */
export function stopTree(root: TaskNode, reason: unknown): void {
  if ((root.flags & STOPPED) !== 0) return;
  const work: TaskNode[] = [root];
  const marked: TaskNode[] = [];
  while (work.length > 0) {
    const node = work.pop() as TaskNode;
    if ((node.flags & STOPPED) !== 0) continue;
    node.flags |= STOPPED;
    // No reason, no extras: the getter reads `undefined` all the same.
    if (reason !== undefined) node.stopReason = reason;
    marked.push(node);
    // Children are listed newest first; the work list pops the oldest first.
    for (let child = node.firstChild; child !== undefined; child = child.nextSibling) {
      if ((child.flags & SHIELDED) === 0) work.push(child);
    }
  }
  for (const node of marked) afterStop(node);
}

/** Stops every child of `node` (shielded ones too): its body has exited, so nothing may outlive it. */
export function stopChildren(node: TaskNode, reason: unknown): void {
  // Collected first: a stop may unlink children as it goes. Newest first.
  const children: TaskNode[] = [];
  for (let child = node.firstChild; child !== undefined; child = child.nextSibling) {
    children.push(child);
  }
  for (const child of children) stopTree(child, reason);
}

function afterStop(node: TaskNode): void {
  const controller = node.extra?.controller;
  if (controller !== undefined) {
    try {
      controller.abort(stoppedError(node));
    } catch (error) {
      // An abort listener threw; the signal is aborted anyway.
      reportUncaught(error);
    }
  }
  const callbacks = node.stopCallbacks;
  node.stopCallbacks = undefined;
  fireCallbacks(callbacks);
  if (node.stopRejects !== undefined) rejectStopWaits(node, stoppedError(node));
  const onStop = node.kind.onStopRequested;
  if (onStop !== undefined) {
    // Guarded like every other hook: a throw must not leave the rest of the
    // marked subtree without its abort, callbacks and settle.
    try {
      onStop(node);
    } catch (error) {
      reportUncaught(error);
    }
  }
  const state = node.phase.state;
  if (state === "pending" || (state === "running" && node.kind.settlesOnStop)) {
    settleNow(node, stoppedError(node));
  }
}

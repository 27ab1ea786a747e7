import { currentTaskRecord } from "@gentletask/semantic-stack/task-record";
import { nodeOf, type TaskNode } from "./task-node.js";

/**
 * Waits that could never end: a task waiting on itself, on one of its own
 * ancestors (which cannot finish before it exits), or a wait that closes a
 * cycle of tasks waiting on each other. Each built-in task lists the tasks
 * it is waiting on now; a new wait follows those lists from the awaited
 * task, which are almost always empty, so the check costs a walk up the
 * caller's ancestors.
 */

/** Records that `caller` is waiting on `target` (a task may wait on the same one twice). */
export function startWaitingOn(caller: TaskNode, target: TaskNode): void {
  const now = caller.waitingOn;
  if (now === undefined) caller.waitingOn = target;
  else if (Array.isArray(now)) now.push(target);
  else caller.waitingOn = [now, target];
}

/** Forgets one wait of `caller` on `target`. */
export function stopWaitingOn(caller: TaskNode, target: TaskNode): void {
  const now = caller.waitingOn;
  if (now === target) caller.waitingOn = undefined;
  else if (Array.isArray(now)) {
    const at = now.indexOf(target);
    if (at >= 0) now.splice(at, 1);
    if (now.length === 0) caller.waitingOn = undefined;
  }
}

/** `node` itself or one of its ancestors is `ancestor`. */
function isSelfOrAncestor(ancestor: TaskNode, node: TaskNode): boolean {
  for (let at: TaskNode | undefined = node; at !== undefined; at = at.parent) {
    if (at === ancestor) return true;
  }
  return false;
}

function quoted(nodes: readonly TaskNode[]): string {
  return nodes.map((node) => `"${node.name}"`).join(" -> ");
}

/**
 * The `Error` a wait by the current task on `target` rejects with at once if
 * it could never end; `undefined` if it can.
 */
export function checkNoCycle(target: TaskNode, watching: object | undefined): Error | undefined {
  // The usual case, cheaply: a parent awaiting its child that waits on nothing.
  if (watching !== undefined && target.waitingOn === undefined && target.parent !== undefined) {
    if (target.parent.task === watching) return undefined;
  }
  // Shielded or not: a wait on itself never ends either way.
  const caller = watching === undefined ? nodeOf(currentTaskRecord()) : nodeOf(watching);
  if (caller === undefined) return undefined;
  if (caller === target) {
    return new Error(`wait: task "${target.name}" waits on itself, which would never finish`);
  }
  if (isSelfOrAncestor(target, caller)) {
    return new Error(
      `wait: task "${caller.name}" waits on its own ancestor "${target.name}", which cannot finish before "${caller.name}" exits`,
    );
  }
  if (target.waitingOn === undefined) return undefined;
  // Follow what the target waits on; each path is kept for the message.
  const work: TaskNode[][] = [[caller, target]];
  const seen = new Set<TaskNode>([target]);
  for (let path = work.pop(); path !== undefined; path = work.pop()) {
    const last = path[path.length - 1] as TaskNode;
    const next = last.waitingOn;
    const targets = next === undefined ? [] : Array.isArray(next) ? next : [next];
    for (const onward of targets) {
      if (isSelfOrAncestor(onward, caller)) {
        return new Error(
          `wait: a cycle of tasks waiting on each other would never finish: ${quoted([...path, onward])}`,
        );
      }
      if (!seen.has(onward)) {
        seen.add(onward);
        work.push([...path, onward]);
      }
    }
  }
  return undefined;
}

import { currentTaskRecord } from "@gentletask/semantic-stack/task-record";
import { extrasOf, type NodeExtras, nodeOf, type TaskNode } from "./task-node.js";

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

/** The tasks `node` waits to exit (it asked for their stop), from its extras. */
function exitWaitsOf(node: TaskNode): readonly TaskNode[] {
  return node.extra?.awaitingExit ?? [];
}

/**
 * Records that `caller` asked for `target`'s stop, so may be awaiting its
 * exit, until `target` exits. That wait is no stop-aware wait: a stop of
 * `caller` does not end it, so it is followed by the cycle checks.
 */
export function startAwaitingExit(caller: TaskNode, target: TaskNode): void {
  const callerExtra = extrasOf(caller);
  const waits = callerExtra.awaitingExit;
  if (waits === undefined) callerExtra.awaitingExit = [target];
  else if (waits.includes(target)) return;
  else waits.push(target);
  const targetExtra = extrasOf(target);
  if (targetExtra.exitAwaiters === undefined) targetExtra.exitAwaiters = [caller];
  else targetExtra.exitAwaiters.push(caller);
}

/** Removes `item` from `list` (if there), and gives `undefined` for a list left empty. */
function without(list: TaskNode[] | undefined, item: TaskNode): TaskNode[] | undefined {
  if (list === undefined) return undefined;
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
  return list.length === 0 ? undefined : list;
}

/** `node` has exited: nobody waits for its exit any longer, and it waits for nobody's. */
export function forgetExitWaits(node: TaskNode): void {
  const extra = node.extra;
  if (extra === undefined) return;
  const { exitAwaiters, awaitingExit } = extra;
  if (exitAwaiters !== undefined) {
    extra.exitAwaiters = undefined;
    for (const caller of exitAwaiters) {
      const callerExtra = caller.extra as NodeExtras;
      callerExtra.awaitingExit = without(callerExtra.awaitingExit, node);
    }
  }
  if (awaitingExit !== undefined) {
    extra.awaitingExit = undefined;
    for (const target of awaitingExit) {
      const targetExtra = target.extra as NodeExtras;
      targetExtra.exitAwaiters = without(targetExtra.exitAwaiters, node);
    }
  }
}

/**
 * Walks what the tasks at the ends of `starts` wait for, until it reaches
 * `caller` or one of its ancestors (a cycle: the error names its path) or
 * runs out. A wait on a task's result follows that task's waits; a wait on
 * a task's exit (a stop) follows the task and every task under it, since it
 * exits only after all of them.
 */
function findCycle(starts: TaskNode[][], caller: TaskNode, what: string): Error | undefined {
  const work: TaskNode[][] = [];
  const seen = new Set<TaskNode>();
  const visit = (path: TaskNode[]): Error | undefined => {
    const last = path[path.length - 1] as TaskNode;
    if (path.length > 1 && isSelfOrAncestor(last, caller)) {
      return new Error(
        `${what}: a cycle of tasks waiting on each other would never finish: ${quoted(path)}`,
      );
    }
    if (!seen.has(last)) {
      seen.add(last);
      work.push(path);
    }
    return undefined;
  };
  for (const path of starts) {
    const error = visit(path);
    if (error !== undefined) return error;
  }
  for (let path = work.pop(); path !== undefined; path = work.pop()) {
    const last = path[path.length - 1] as TaskNode;
    const next = last.waitingOn;
    const targets = next === undefined ? [] : Array.isArray(next) ? next : [next];
    for (const onward of targets) {
      const error = visit([...path, onward]);
      if (error !== undefined) return error;
    }
    for (const exiting of exitWaitsOf(last)) {
      for (const part of subtreePaths(exiting)) {
        const error = visit([...path, ...part]);
        if (error !== undefined) return error;
      }
    }
  }
  return undefined;
}

/** `node` and each task under it, each as the path down to it from `node`. */
function subtreePaths(node: TaskNode): TaskNode[][] {
  const paths: TaskNode[][] = [];
  const work: TaskNode[][] = [[node]];
  for (let path = work.pop(); path !== undefined; path = work.pop()) {
    paths.push(path);
    const last = path[path.length - 1] as TaskNode;
    for (let child = last.firstChild; child !== undefined; child = child.nextSibling) {
      work.push([...path, child]);
    }
  }
  return paths;
}

/**
 * The `Error` a wait by the current task on `target` rejects with at once if
 * it could never end; `undefined` if it can.
 */
export function checkNoCycle(target: TaskNode, watching: object | undefined): Error | undefined {
  // The usual case, cheaply: a parent awaiting its child that waits on nothing.
  if (watching !== undefined && target.waitingOn === undefined && target.parent !== undefined) {
    if (target.parent.task === watching && target.extra?.awaitingExit === undefined) {
      return undefined;
    }
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
  if (target.waitingOn === undefined && target.extra?.awaitingExit === undefined) return undefined;
  return findCycle([[caller, target]], caller, "wait");
}

/**
 * The `Error` that `await target.stop()` by the current task rejects with at
 * once because it could never end: the stop of the task itself or of one of
 * its ancestors, or of a task whose exit waits, through the tasks under it
 * and what they wait on, for the caller. Called after the stop cascade ran,
 * so the stop-aware waits it ended are gone and only waits that no stop
 * ends (a `MultiTask` on its tasks, a task awaiting another's stop) are
 * left to follow. Records the caller's wait for the target's exit, for the
 * checks that come later.
 */
export function checkStopWait(target: TaskNode): Error | undefined {
  const caller = nodeOf(currentTaskRecord());
  if (caller === undefined) return undefined;
  if (caller === target) {
    return new Error(
      `stop: task "${target.name}" awaits its own stop, which cannot end before it exits`,
    );
  }
  if (isSelfOrAncestor(target, caller)) {
    return new Error(
      `stop: task "${caller.name}" awaits the stop of its own ancestor "${target.name}", which cannot end before "${caller.name}" exits`,
    );
  }
  const cycle = findCycle(
    subtreePaths(target).map((path) => [caller, ...path]),
    caller,
    "stop",
  );
  if (cycle === undefined) startAwaitingExit(caller, target);
  return cycle;
}

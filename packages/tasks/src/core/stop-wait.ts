import { EXITED, nodeOf, STOPPED, type TaskNode } from "./task-node.js";

/** How a stop-only wait ends: rejected with its task's `Stopped`. */
export type StopReject = (error: unknown) => void;

/**
 * What a built-in task keeps for its stop-only waits: none, one reject
 * function, or a list of several (a task rarely has more than one).
 */
export type StopRejects = undefined | StopReject | StopReject[];

/**
 * A wait that only a stop of `task` ends (`sleep(Infinity)`): a promise that
 * rejects with the task's `Stopped` when the task is stopped. It costs the
 * promise and nothing else: no timer, no stop callback closure, no wait
 * object; the task keeps the reject function and calls it in its stop
 * cascade, right after its stop callbacks. A task that exits unstopped
 * drops it, as it drops its stop callbacks: the wait then never ends.
 *
 * Returns `undefined` unless `task` is a built-in task of this copy of the
 * package that is not stopped yet; the caller then takes the general path.
 *
 * @internal Shared with `@gentletask/primitives` through `@gentletask/tasks/internal`.
 */
export function untilStopped(task: unknown): Promise<never> | undefined {
  const node = nodeOf(task);
  if (node === undefined || (node.flags & STOPPED) !== 0) return undefined;
  return new Promise<never>((_, reject) => {
    if ((node.flags & EXITED) === 0) addStopReject(node, reject);
  });
}

function addStopReject(node: TaskNode, reject: StopReject): void {
  const slot = node.stopRejects;
  if (slot === undefined) node.stopRejects = reject;
  else if (typeof slot === "function") node.stopRejects = [slot, reject];
  else slot.push(reject);
}

/** Takes the node's stop-only waits and rejects each with `error` (a reject never throws). */
export function rejectStopWaits(node: TaskNode, error: unknown): void {
  const slot = node.stopRejects;
  node.stopRejects = undefined;
  if (typeof slot === "function") slot(error);
  else if (slot !== undefined) for (const reject of slot) reject(error);
}

import { currentTaskState } from "@gentletask/semantic-stack/task-record";
import { isTask } from "../task.js";
import { attachChild, attachRoot } from "./children.js";
import { stopTree } from "./stop-cascade.js";
import {
  BODY_LIVE,
  EXITED,
  extrasOf,
  isSettled,
  nodeOf,
  SHIELDED,
  STOPPED,
  type TaskNode,
} from "./task-node.js";

/**
 * Where a new task goes in the tree: `"child"` of the current task (a root
 * when there is none), or `"root"` (detached).
 */
export type TreePlace = "child" | "root" | { readonly under: TaskNode };

/**
 * Puts a new task in the tree. As a child of a built-in task it is linked
 * into the parent's children, and stopped at once if that parent is stopped
 * (outside a shield) or already unwinding; created inside a shield, it is
 * out of reach of the parent's stop cascade. A custom parent keeps no
 * children list, so the task rides on its stop callbacks. A task without a
 * built-in parent joins the root list.
 */
export function joinTree(node: TaskNode, place: TreePlace): void {
  if (place === "child") joinCurrentTask(node);
  else if (place !== "root") joinUnder(node, place.under);
  if (node.parent === undefined && (node.flags & EXITED) === 0) attachRoot(node);
}

/** Links `node` under a chosen parent (a worker's own task), stopped at once if that one is. */
function joinUnder(node: TaskNode, parent: TaskNode): void {
  if ((parent.flags & EXITED) !== 0) return;
  attachChild(parent, node);
  if ((parent.flags & STOPPED) !== 0) stopTree(node, parent.stopReason);
}

function joinCurrentTask(node: TaskNode): void {
  // One read of the context for both the task and the shield: this is on every spawn.
  const state = currentTaskState();
  const record = state?.task;
  if (record === undefined) return;
  const shielded = state?.shielded === true;
  const parent = nodeOf(record);
  if (parent !== undefined) {
    if ((parent.flags & EXITED) !== 0 || (isSettled(parent) && (parent.flags & BODY_LIVE) === 0)) {
      return;
    }
    attachChild(parent, node);
    // A parent that settled early (a stopped job whose body still runs) is
    // stopped, so the shield decides, as for any stopped parent.
    if (parent.phase.state === "unwinding" || ((parent.flags & STOPPED) !== 0 && !shielded)) {
      stopTree(node, parent.stopReason);
    } else if (shielded) {
      node.flags |= SHIELDED;
    }
    return;
  }
  if (!isTask(record)) return;
  if (record.isStopped) {
    if (!shielded) stopTree(node, record.stopReason);
    return;
  }
  const onStop = () => stopTree(node, record.stopReason);
  extrasOf(node).customParent = { task: record, onStop };
  // Created inside a shield: out of reach of the parent's stop, as above.
  if (!shielded) record.addStopCallback(onStop);
}

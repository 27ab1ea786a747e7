import type { TaskNode } from "./task-node.js";

/**
 * The tree's links. A parent's children are an intrusive doubly linked list
 * through the children's sibling links (no `Set` per parent, O(1) unlink when
 * a child exits); tasks without a built-in parent are in the root list,
 * linked the same way, which `taskTree()` starts from. Both lists are newest
 * first.
 */
let firstRoot: TaskNode | undefined;

/** Whether any built-in task is alive (every live task is under a root). */
export function anyTaskAlive(): boolean {
  return firstRoot !== undefined;
}

/** The root tasks, oldest first. */
export function rootNodes(): TaskNode[] {
  const roots: TaskNode[] = [];
  for (let root = firstRoot; root !== undefined; root = root.nextSibling) roots.push(root);
  return roots.reverse();
}

/** `parent`'s children, oldest first, as a fresh array (safe to stop them while iterating). */
export function childNodes(parent: TaskNode): TaskNode[] {
  const children: TaskNode[] = [];
  for (let child = parent.firstChild; child !== undefined; child = child.nextSibling) {
    children.push(child);
  }
  return children.reverse();
}

/** Links `child` as the newest child of `parent`. */
export function attachChild(parent: TaskNode, child: TaskNode): void {
  child.parent = parent;
  const first = parent.firstChild;
  child.nextSibling = first;
  if (first !== undefined) first.prevSibling = child;
  parent.firstChild = child;
}

/** Links `node` as the newest root task. */
export function attachRoot(node: TaskNode): void {
  const first = firstRoot;
  node.nextSibling = first;
  if (first !== undefined) first.prevSibling = node;
  firstRoot = node;
}

/**
 * Unlinks `node` from its parent's children or from the root list; returns
 * the parent if it has no children left (it may be able to exit now).
 */
export function unlink(node: TaskNode): TaskNode | undefined {
  const prev = node.prevSibling;
  const next = node.nextSibling;
  const parent = node.parent;
  if (parent === undefined) {
    // Without a parent, a node is in the root list if it has links or heads it.
    if (prev === undefined && firstRoot !== node) return undefined;
    if (prev === undefined) firstRoot = next;
    else prev.nextSibling = next;
  } else {
    if (prev === undefined) parent.firstChild = next;
    else prev.nextSibling = next;
  }
  if (next !== undefined) next.prevSibling = prev;
  node.parent = undefined;
  node.prevSibling = undefined;
  node.nextSibling = undefined;
  return parent !== undefined && parent.firstChild === undefined ? parent : undefined;
}

import { rootNodes } from "./core/children.js";
import { STOPPED, type TaskNode } from "./core/task-node.js";

/**
 * One running task in {@link taskTree}.
 *
 * @example
 * ```ts
 * import { type TaskTreeNode, taskTree } from "@gentletask/tasks";
 *
 * const names = (nodes: readonly TaskTreeNode[]): string[] =>
 *   nodes.flatMap((node) => [node.name, ...names(node.children)]);
 * console.log(names(taskTree())); // every running task's name
 * ```
 */
export interface TaskTreeNode {
  /** The task's name, as on the throughline. */
  readonly name: string;
  /**
   * - `pending`: created, its body has not started yet;
   * - `running`: its body runs;
   * - `stopping`: stopped, its body has not exited yet;
   * - `unwinding`: its body has exited, it waits for its children to exit.
   */
  readonly state: "pending" | "running" | "stopping" | "unwinding";
  /** Milliseconds since the task was created. */
  readonly ageMs: number;
  /** Whether the task has been stopped. */
  readonly isStopped: boolean;
  /** The reason given to `stop(reason)`, when stopped. */
  readonly stopReason: unknown;
  /** Its running children, oldest first. */
  readonly children: readonly TaskTreeNode[];
}

/**
 * What the program is doing right now: every built-in task that has not
 * exited yet, as trees from the root tasks (tasks with no parent: spawned
 * outside any task, or detached), oldest first. A `SerialWorker`'s jobs
 * show under the worker.
 *
 * It costs nothing until called: tasks are linked into the tree they belong
 * to anyway, and only their creation time is recorded for it. Tasks of another
 * copy of this package, and custom tasks, are not listed.
 *
 * @example
 * ```ts
 * import { ManualTask, formatTaskTree, spawn, taskTree } from "@gentletask/tasks";
 *
 * const server = spawn(() => new ManualTask().wait(), { name: "server" });
 * await new Promise((resolve) => setImmediate(resolve));
 * console.log(formatTaskTree(taskTree()));
 * // server  running  0.0s
 * // └─ manual  running  0.0s
 * await server.stop();
 * ```
 */
export function taskTree(): TaskTreeNode[] {
  const now = performance.now();
  return rootNodes().map((root) => toTree(root, now));
}

function entryOf(node: TaskNode, now: number): TaskTreeNode {
  const stopped = (node.flags & STOPPED) !== 0;
  const state = node.phase.state;
  return {
    name: node.name,
    state: state === "pending" || state === "unwinding" ? state : stopped ? "stopping" : "running",
    ageMs: Math.max(0, Math.round(now - node.createdAt)),
    isStopped: stopped,
    stopReason: node.stopReason,
    children: [],
  };
}

/** The subtree under `root`, children oldest first, built without recursion (chains may be thousands deep). */
function toTree(root: TaskNode, now: number): TaskTreeNode {
  const top = entryOf(root, now);
  const work: [TaskNode, TaskTreeNode[]][] = [[root, top.children as TaskTreeNode[]]];
  while (work.length > 0) {
    const [node, into] = work.pop() as [TaskNode, TaskTreeNode[]];
    for (let child = node.firstChild; child !== undefined; child = child.nextSibling) {
      const entry = entryOf(child, now);
      into.push(entry);
      work.push([child, entry.children as TaskTreeNode[]]);
    }
    // Children are linked newest first.
    into.reverse();
  }
  return top;
}

/**
 * Renders a task tree as text, one task a line, for a terminal or a log:
 *
 * ```text
 * job-service  stopping (SIGINT)  12.4s
 * ├─ reporter  stopping (SIGINT)  12.4s
 * └─ job-3  stopping (SIGINT)  0.8s
 *    └─ fetch-reading  stopping (SIGINT)  0.8s
 * ```
 *
 * @param trees - what {@link taskTree} returned; by default, the tree now.
 * @example
 * ```ts
 * import { formatTaskTree } from "@gentletask/tasks";
 *
 * process.on("SIGUSR2", () => process.stderr.write(formatTaskTree()));
 * ```
 */
export function formatTaskTree(trees: readonly TaskTreeNode[] = taskTree()): string {
  if (trees.length === 0) return "(no running tasks)\n";
  const lines: string[] = [];
  const work: { node: TaskTreeNode; prefix: string; branch: string }[] = [];
  for (let i = trees.length - 1; i >= 0; i--) {
    work.push({ node: trees[i] as TaskTreeNode, prefix: "", branch: "" });
  }
  while (work.length > 0) {
    const { node, prefix, branch } = work.pop() as (typeof work)[number];
    lines.push(`${prefix}${branch}${describeNode(node)}`);
    const childPrefix = prefix + (branch === "├─ " ? "│  " : branch === "" ? "" : "   ");
    for (let i = node.children.length - 1; i >= 0; i--) {
      const last = i === node.children.length - 1;
      work.push({
        node: node.children[i] as TaskTreeNode,
        prefix: childPrefix,
        branch: last ? "└─ " : "├─ ",
      });
    }
  }
  return `${lines.join("\n")}\n`;
}

function describeNode(node: TaskTreeNode): string {
  const reason = node.isStopped ? ` (${describeReason(node.stopReason)})` : "";
  return `${node.name}  ${node.state}${reason}  ${(node.ageMs / 1000).toFixed(1)}s`;
}

function describeReason(reason: unknown): string {
  if (reason === undefined) return "no reason";
  if (typeof reason === "string") return reason;
  // Any reason prints: a revoked Proxy or a throwing getter gives a placeholder.
  try {
    if (reason instanceof Error) return `${reason.name}: ${reason.message}`;
    return String(reason);
  } catch {
    return "unprintable reason";
  }
}

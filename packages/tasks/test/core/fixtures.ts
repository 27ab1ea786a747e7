import { NODE, type TaskKind, TaskNode } from "../../src/core/task-node.ts";
import type { Task } from "../../src/index.ts";

/** A kind that records its hooks, for core tests that drive nodes by hand. */
export function recordingKind(log: string[], settlesOnStop = false): TaskKind {
  return {
    settlesOnStop,
    onStopRequested: (node) => log.push(`${node.name}:stop-hook`),
    onExit: (node) => log.push(`${node.name}:exit`),
  };
}

/** A bare node, as the core sees a task; its public object is a stand-in. */
export function makeNode(name: string, kind: TaskKind = { settlesOnStop: false }): TaskNode {
  const stand = { name } as unknown as Task & { [NODE]: TaskNode };
  const node = new TaskNode(stand, kind, 0);
  // As a built-in task keeps it, so the body's exit handlers find the node.
  stand[NODE] = node;
  return node;
}

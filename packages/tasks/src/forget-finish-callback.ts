import { removeFinishCallback } from "./core/callbacks.js";
import { nodeOf } from "./core/task-node.js";
import type { FinishCallback, Task } from "./task.js";

/**
 * Takes back a finish callback that `addFinishCallback` gave a built-in
 * task, so that a failure the task raises later is not observed through it
 * and goes up its tree as any unobserved failure does. A combinator calls
 * this for a task it was given once it stops watching it. Does nothing for
 * a custom task (the protocol has no removal) or a task already settled.
 */
export function forgetFinishCallback(task: Task, fn: FinishCallback<never>): void {
  const node = nodeOf(task);
  if (node !== undefined) removeFinishCallback(node, fn);
}

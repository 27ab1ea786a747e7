import { spawn } from "@gentletask/tasks";
import { outcome, ProtocolTask, type TaskKind } from "./support.js";

/**
 * The kinds of task every stop-aware wait is checked in: a built-in task
 * from `spawn`, and a hand-written task that only implements the public
 * protocol (no `signal`), made current with `runInTask`.
 */
export const taskKinds: [string, TaskKind][] = [
  [
    "a spawned task",
    (body) => {
      const task = spawn(body, { name: "spawned" });
      return { task, ended: outcome(task.wait()), stop: (reason) => void task.stop(reason) };
    },
  ],
  [
    "a custom protocol task",
    (body) => {
      const task = new ProtocolTask();
      return { task, ended: outcome(task.run(body)), stop: (reason) => task.stop(reason) };
    },
  ],
];

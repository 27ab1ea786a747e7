import { currentTaskRecord, isShielded } from "@gentletask/semantic-stack/task-record";
import { isTask, Stopped, type Task } from "@gentletask/tasks";
import { isBuiltInTask } from "@gentletask/tasks/internal";

/**
 * Records already found to be tasks. `isTask` is a structural check of a
 * dozen members, several times the cost of a whole `sleep(0)`; a task's shape
 * does not change while it runs, so each is checked once.
 */
const knownTasks = new WeakSet<object>();

/**
 * The task whose stop ends a wait started here: the current task (as
 * `currentTask()` finds it), unless the code runs inside `shield` or outside
 * any task, where no stop applies.
 */
export function watchedTask(): Task | undefined {
  const record = currentTaskRecord();
  if (record === undefined || isShielded()) return undefined;
  // A built-in task says so by its own key: no set lookup, no structural check.
  if (isBuiltInTask(record) || knownTasks.has(record)) return record as Task;
  if (!isTask(record)) return undefined;
  knownTasks.add(record);
  return record;
}

/** The error a wait rejects with when `task` is stopped: its `Stopped`, carrying its reason. */
export function stoppedError(task: Task): Stopped {
  return new Stopped(task.stopReason);
}

/**
 * The low-level record of which task is running, for task libraries such as
 * `@gentletask/tasks` and `@gentletask/primitives`. Applications do not need
 * this entry point: use `currentTask()` and `taskContext()` from
 * `@gentletask/tasks` and `shield()` from `@gentletask/primitives`.
 *
 * The task rides on the throughline itself, so entering a task is one push
 * (one `AsyncLocalStorage.run`), and a throughline snapshot carries the task
 * along with the names. Every copy of this package shares the record.
 *
 * @packageDocumentation
 */
import { typeError } from "./argument-errors.js";
import { pushNode } from "./frame-node.js";
import { registry } from "./registry.js";
import { rememberRaiseSite as remember } from "./storage.js";

/**
 * Runs `fn` as `task`, with `{ name }` pushed on the throughline, and returns
 * what `fn` returns, untouched. Inside, the task is not shielded. A
 * synchronous throw remembers its raise site; for asynchronous failures call
 * {@link rememberRaiseSite} from a rejection handler attached inside `fn`.
 *
 * @throws TypeError if `task` is not an object, `name` not a string, or `fn`
 *   not a function.
 */
export function runInTask<T>(task: object, name: string, fn: () => T): T {
  if ((typeof task !== "object" && typeof task !== "function") || task === null) {
    typeError("runInTask", "task", "an object", task);
  }
  if (typeof name !== "string") typeError("runInTask", "name", "a string", name);
  if (typeof fn !== "function") typeError("runInTask", "fn", "a function", fn);
  const storage = registry().throughline;
  const frame: Record<string, unknown> = { name };
  const node = pushNode(storage.als.getStore(), frame, task, false);
  try {
    return storage.als.run(node, fn);
  } catch (error) {
    remember(storage, error, node);
    throw error;
  }
}

/** The innermost running task, or `undefined` outside any task. */
export function currentTaskRecord(): object | undefined {
  return registry().throughline.als.getStore()?.task;
}

/** Whether the current code runs inside `runShielded` (and no task entered since). */
export function isShielded(): boolean {
  return registry().throughline.als.getStore()?.shielded === true;
}

/**
 * Runs `fn` with the same throughline and task, marked shielded: stop-aware
 * waits inside it do not reject because the task was stopped. Tasks entered
 * inside `fn` start unshielded. Outside any task it simply calls `fn`.
 *
 * @throws TypeError if `fn` is not a function.
 */
export function runShielded<T>(fn: () => T): T {
  if (typeof fn !== "function") typeError("runShielded", "fn", "a function", fn);
  const storage = registry().throughline;
  const top = storage.als.getStore();
  if (top === undefined || top.shielded) return fn();
  // A twin of the innermost node: same frame, same place, same task, so the
  // throughline reads exactly as before.
  return storage.als.run({ ...top, shielded: true }, fn);
}

/**
 * Records the current throughline as `error`'s raise site, unless the error
 * already remembers one, so `throughline.errorFrames(error)` can tell where it
 * came from. Non-object errors are ignored.
 */
export function rememberRaiseSite(error: unknown): void {
  const storage = registry().throughline;
  remember(storage, error, storage.als.getStore());
}

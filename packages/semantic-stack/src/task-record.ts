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
import { AsyncLocalStorage } from "node:async_hooks";
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

/**
 * Whether `AsyncLocalStorage` keeps its values in per-continuation frames
 * (Node 24's default): V8 then runs every microtask in the frame its
 * reaction captured, so a value entered inside one never reaches the next.
 * The async-hooks storage (Node 20 and 22, or `--no-async-context-frame`)
 * has `_enable`; there an `enterWith` can land on a resource the rest of the
 * turn shares (when no hook was on as the reaction was made), so that
 * storage keeps `run`. Bun and Deno keep `run` too.
 */
const FRAMES_PER_JOB =
  typeof process === "object" &&
  process.versions?.bun === undefined &&
  process.versions?.deno === undefined &&
  !("_enable" in AsyncLocalStorage.prototype);

/**
 * {@link runInTask} for the one thing a promise reaction does: calls
 * `fn(a, b, c)` as `task`, with `{ name }` pushed on the throughline, and
 * returns what it returns. Where the storage keeps per-continuation frames
 * the task is entered for the rest of the reaction rather than for `fn`'s
 * extent, which copies the context once instead of twice (entering, then
 * restoring); the reaction's end restores it. So call it only as the last
 * thing a reaction does, with nothing after it that must run outside the
 * task. A synchronous throw remembers its raise site and leaves the task
 * before it propagates, as with `runInTask`. The arguments are passed
 * through so the caller needs no closure per call.
 *
 * @example
 * ```ts
 * import { currentTaskRecord, runInTaskAsReaction } from "@gentletask/semantic-stack/task-record";
 *
 * const task = { label: "job" };
 * void Promise.resolve().then(() =>
 *   runInTaskAsReaction(task, "job", (a: number, b: number) => currentTaskRecord() === task && a + b, 1, 2, undefined),
 * );
 * ```
 * @throws TypeError if `task` is not an object, `name` not a string, or `fn`
 *   not a function.
 */
export function runInTaskAsReaction<A, B, C, T>(
  task: object,
  name: string,
  fn: (a: A, b: B, c: C) => T,
  a: A,
  b: B,
  c: C,
): T {
  if ((typeof task !== "object" && typeof task !== "function") || task === null) {
    typeError("runInTaskAsReaction", "task", "an object", task);
  }
  if (typeof name !== "string") typeError("runInTaskAsReaction", "name", "a string", name);
  if (typeof fn !== "function") typeError("runInTaskAsReaction", "fn", "a function", fn);
  const storage = registry().throughline;
  const prior = storage.als.getStore();
  const node = pushNode(prior, { name }, task, false);
  if (!FRAMES_PER_JOB) {
    try {
      return storage.als.run(node, fn, a, b, c);
    } catch (error) {
      remember(storage, error, node);
      throw error;
    }
  }
  storage.als.enterWith(node);
  try {
    return fn(a, b, c);
  } catch (error) {
    remember(storage, error, node);
    storage.als.enterWith(prior);
    throw error;
  }
}

/** The innermost running task, or `undefined` outside any task. */
export function currentTaskRecord(): object | undefined {
  return registry().throughline.als.getStore()?.task;
}

/**
 * The running task and whether the code runs shielded, in one read of the
 * context (for hot paths that need both): `task` is `undefined` outside any
 * task, and the whole result may be `undefined` outside any frame. The
 * object is the context's own record: read it, do not keep it.
 *
 * @example
 * ```ts
 * import { currentTaskState, runInTask } from "@gentletask/semantic-stack/task-record";
 *
 * const task = {};
 * runInTask(task, "t", () => currentTaskState()?.task === task); // true
 * ```
 */
export function currentTaskState():
  | { readonly task: object | undefined; readonly shielded: boolean }
  | undefined {
  return registry().throughline.als.getStore();
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

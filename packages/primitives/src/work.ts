import { readGuarded, typeError } from "@gentletask/semantic-stack/argument-errors";
import { isTask, type Task } from "@gentletask/tasks";
import { functionName } from "@gentletask/tasks/internal";

/**
 * One piece of work for a combinator: a task that already exists (only
 * watched, never stopped by the combinator), or a function the combinator
 * runs as a child task of its own.
 *
 * @example
 * ```ts
 * const cached = spawn(async () => "from cache", { name: "cache" });
 * const pieces: WorkItem<string>[] = [cached, async () => "from network"];
 * const first = await race(pieces);
 * ```
 */
export type WorkItem<T> = Task<T> | (() => T | PromiseLike<T>);

/**
 * What one {@link WorkItem} gives: a task's result, or a function's awaited return value.
 *
 * @example
 * ```ts
 * type FromFunction = WorkResult<() => Promise<number>>; // number
 * type FromTask = WorkResult<Task<string>>; // string
 * const n: FromFunction = 1;
 * const s: FromTask = "done";
 * ```
 */
export type WorkResult<W> =
  W extends Task<infer R> ? R : W extends () => infer R ? Awaited<R> : never;

/**
 * The items of an iterable of work.
 *
 * @example
 * ```ts
 * type Item = WorkOf<Set<() => number>>; // () => number
 * const item: Item = () => 1;
 * ```
 */
export type WorkOf<W> = W extends Iterable<infer I> ? I : never;

/**
 * The results of a tuple or array of work items, position by position.
 *
 * @example
 * ```ts
 * type Results = WorkResults<[() => number, () => Promise<string>]>; // [number, string]
 * const results: Results = [1, "one"];
 * ```
 */
export type WorkResults<W extends readonly unknown[]> = {
  -readonly [K in keyof W]: WorkResult<W[K]>;
};

/** A checked work item: `task` when one was given, `fn` when a function was. */
export type CheckedWork =
  | { readonly task: Task; readonly fn?: undefined }
  | { readonly fn: () => unknown; readonly task?: undefined };

/**
 * Reads `work` (an iterable of tasks and functions) into an array, checking
 * every item before anything is started, so a wrong item leaves no task
 * behind.
 *
 * @throws TypeError if `work` is not iterable, cannot be read, or holds
 *   something that is neither a task nor a function.
 */
export function readWork(where: string, work: unknown): CheckedWork[] {
  const iterable = readGuarded(
    where,
    "work",
    () =>
      ((typeof work === "object" && work !== null) || typeof work === "function") &&
      typeof (work as Iterable<unknown>)[Symbol.iterator] === "function",
  );
  if (!iterable) typeError(where, "work", "an iterable of tasks and functions", work);
  const items = readGuarded(where, "work", () => Array.from(work as Iterable<unknown>));
  return items.map((item, index) => {
    if (typeof item === "function") return { fn: item as () => unknown };
    if (isTask(item)) return { task: item };
    return typeError(where, `work[${index}]`, "a task or a function", item);
  });
}

/** A function child's name: its own, else `<group>[<index>]` (array literals hold anonymous arrows). */
export function childName(fn: () => unknown, group: string, index: number): string {
  return functionName(fn, `${group}[${index}]`);
}

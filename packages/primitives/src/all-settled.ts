import type { Task } from "@gentletask/tasks";
import { type CombinatorOptions, startGroup } from "./task-group.js";
import type { WorkItem, WorkResults } from "./work.js";

/**
 * `PromiseSettledResult` for each position of a tuple or array of results.
 *
 * @example
 * ```ts
 * type Outcomes = SettledResults<[number, string]>;
 * const outcomes: Outcomes = [
 *   { status: "fulfilled", value: 1 },
 *   { status: "rejected", reason: new Error("offline") },
 * ];
 * ```
 */
export type SettledResults<T extends readonly unknown[]> = {
  -readonly [K in keyof T]: PromiseSettledResult<T[K]>;
};

/**
 * Runs every piece of `work` and resolves, once all have finished, with one
 * `PromiseSettledResult` each, in input order: `Promise.allSettled` with
 * structure. A function in `work` runs as a child task of the returned task
 * (named after the function, else `allSettled[<index>]`); a task in `work`
 * is only watched, never stopped by the group (a shared task runs on for its
 * other waiters). A piece that was stopped is
 * `{ status: "rejected", reason: <its Stopped> }`.
 *
 * It never rejects, except by its own stop: stopping the returned task
 * stops the children it made, and it rejects with `Stopped` once they have finished
 * (or with the error of a piece whose cleanup threw).
 *
 * @throws TypeError if `work` is not iterable, holds something that is
 *   neither a task nor a function, or `options` is wrong; nothing is started.
 * @example
 * ```ts
 * const urls = ["https://example.com/a", "https://example.com/b"];
 * const outcomes = await allSettled(
 *   urls.map((url) => () => fetch(url, { signal: currentSignal() })),
 * );
 * const failed = outcomes.filter((outcome) => outcome.status === "rejected");
 * ```
 */
export function allSettled<const W extends readonly WorkItem<unknown>[]>(
  work: W,
  options?: CombinatorOptions,
): Task<SettledResults<WorkResults<W>>> & PromiseLike<SettledResults<WorkResults<W>>>;
export function allSettled<T>(
  work: Iterable<WorkItem<T>>,
  options?: CombinatorOptions,
): Task<PromiseSettledResult<Awaited<T>>[]> & PromiseLike<PromiseSettledResult<Awaited<T>>[]>;
export function allSettled(
  work: Iterable<WorkItem<unknown>>,
  options?: CombinatorOptions,
): Task<PromiseSettledResult<unknown>[]> & PromiseLike<PromiseSettledResult<unknown>[]> {
  return startGroup("allSettled", work, options, (count, name) => {
    const results: PromiseSettledResult<unknown>[] = new Array(count);
    return {
      stopReason: `${name}: stopped`,
      childFinished(index, ok, value) {
        results[index] = ok
          ? { status: "fulfilled", value }
          : { status: "rejected", reason: value };
        return undefined;
      },
      allFinished: () => ({ ok: true, value: results }),
    };
  });
}

import type { Task } from "@gentletask/tasks";
import { type CombinatorOptions, type Decision, startGroup } from "./task-group.js";
import type { WorkItem, WorkResults } from "./work.js";

/**
 * Runs every piece of `work` and resolves with all their results, in input
 * order: `Promise.all` with structure. A function in `work` runs as a child
 * task of the returned task (in the caller's context, named after the
 * function, else `all[<index>]`); a task in `work` is only watched: the
 * group never stops a task it did not make (a shared task runs on for its
 * other waiters), and stops watching it once the group settles.
 *
 * - The first failure (a `Stopped` of a child counts) rejects the group:
 *   every other child it made still running is stopped (reason `"<name>: another
 *   task failed"`), and the group settles only after they have finished,
 *   like Effection's `all` and asyncio's `TaskGroup`. A piece whose cleanup
 *   then throws (fails with anything but `Stopped`) joins the first failure
 *   in an `AggregateError`.
 * - Stopping the returned task stops the children it made, and it rejects
 *   with `Stopped` once they have finished.
 * - The returned task is a child of the current task and shows in
 *   `taskTree()` with the function children under it.
 *
 * @throws TypeError if `work` is not iterable, holds something that is
 *   neither a task nor a function, or `options` is wrong; nothing is started.
 * @example
 * ```ts
 * const fetchUser = async (id: string) => ({ id, name: "Ada" });
 * const fetchOrders = async (id: string) => [{ user: id, total: 42 }];
 * const id = "u-1";
 * const [user, orders] = await all([() => fetchUser(id), () => fetchOrders(id)]);
 * ```
 */
export function all<const W extends readonly WorkItem<unknown>[]>(
  work: W,
  options?: CombinatorOptions,
): Task<WorkResults<W>> & PromiseLike<WorkResults<W>>;
export function all<T>(
  work: Iterable<WorkItem<T>>,
  options?: CombinatorOptions,
): Task<Awaited<T>[]> & PromiseLike<Awaited<T>[]>;
export function all(
  work: Iterable<WorkItem<unknown>>,
  options?: CombinatorOptions,
): Task<unknown[]> & PromiseLike<unknown[]> {
  return startGroup("all", work, options, (count, name) => {
    const results: unknown[] = new Array(count);
    return {
      stopReason: `${name}: another task failed`,
      childFinished(index, ok, value): Decision | undefined {
        if (!ok) return { ok: false, error: value };
        results[index] = value;
        return undefined;
      },
      allFinished: () => ({ ok: true, value: results }),
    };
  });
}

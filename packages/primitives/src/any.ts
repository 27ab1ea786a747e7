import type { Task } from "@gentletask/tasks";
import { type CombinatorOptions, startGroup } from "./task-group.js";
import type { WorkItem, WorkOf, WorkResult } from "./work.js";

/**
 * Runs every piece of `work` and resolves with the first value any of them
 * succeeds with: `Promise.any` with structure. The other children it made
 * are then stopped
 * (reason `"<name>: another task succeeded"`), and it resolves only after
 * they have finished. If every piece fails (a `Stopped` counts as a
 * failure), it rejects with an `AggregateError` of their errors in input
 * order; so does an empty `any`, as `Promise.any([])` does. A function in
 * `work` runs as a child task of the returned task (named after the
 * function, else `any[<index>]`); a task in `work` is only watched, never
 * stopped by the group (a shared task runs on for its other waiters).
 * Stopping the returned task stops the children it made.
 *
 * @throws TypeError if `work` is not iterable, holds something that is
 *   neither a task nor a function, or `options` is wrong; nothing is started.
 * @example
 * ```ts
 * const readLocalConfig = async () => ({ source: "disk" });
 * const fetchRemoteConfig = async () => ({ source: "network" });
 * const config = await any([() => readLocalConfig(), () => fetchRemoteConfig()]);
 * ```
 */
export function any<W extends Iterable<WorkItem<unknown>>>(
  work: W,
  options?: CombinatorOptions,
): Task<WorkResult<WorkOf<W>>> & PromiseLike<WorkResult<WorkOf<W>>> {
  return startGroup("any", work, options, (count, name) => {
    const errors: unknown[] = new Array(count);
    return {
      stopReason: `${name}: another task succeeded`,
      childFinished(index, ok, value) {
        if (ok) return { ok: true, value };
        errors[index] = value;
        return undefined;
      },
      allFinished: () => ({
        ok: false,
        error: new AggregateError(errors, `${name}: all ${count} tasks failed`),
      }),
    };
  });
}

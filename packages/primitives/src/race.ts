import type { Task } from "@gentletask/tasks";
import { type CombinatorOptions, startGroup } from "./task-group.js";
import type { WorkItem, WorkOf, WorkResult } from "./work.js";

/**
 * Runs every piece of `work` and settles as the first of them settles,
 * with its value or its error: `Promise.race` with structure. The others
 * are stopped (reason `"<name>: another task settled first"`), and the race
 * settles only after they have finished. A function in `work` runs as a
 * child task of the returned task (named after the function, else
 * `race[<index>]`); a task in `work` is watched and stopped when it loses.
 * A piece that has already finished wins at once (the first such, in input
 * order). Stopping the returned task stops every piece.
 *
 * Unlike `Promise.race([])`, which never settles, an empty race is refused.
 *
 * @throws TypeError if `work` is not iterable, holds something that is
 *   neither a task nor a function, or `options` is wrong; RangeError if it
 *   is empty. Nothing is started.
 * @example
 * ```ts
 * const page = await race([() => fetchFrom(mirrorA), () => fetchFrom(mirrorB)]);
 * ```
 */
export function race<W extends Iterable<WorkItem<unknown>>>(
  work: W,
  options?: CombinatorOptions,
): Task<WorkResult<WorkOf<W>>> & PromiseLike<WorkResult<WorkOf<W>>> {
  return startGroup(
    "race",
    work,
    options,
    (_count, name) => ({
      stopReason: `${name}: another task settled first`,
      childFinished: (_index, ok, value) => (ok ? { ok, value } : { ok, error: value }),
      allFinished: () => ({ ok: false, error: new Error(`${name}: nothing settled`) }),
    }),
    (items) => {
      if (items.length === 0) {
        throw new RangeError(
          "race: expected `work` to hold at least one task or function, got none (an empty race would never settle)",
        );
      }
    },
  );
}

import type { Task } from "@gentletask/tasks";
import { type CombinatorOptions, startGroup } from "./task-group.js";
import type { WorkItem, WorkOf, WorkResult } from "./work.js";

/**
 * Runs every piece of `work` and settles as the first of them settles,
 * with its value or its error: `Promise.race` with structure. The other
 * children it made are stopped (reason `"<name>: another task settled
 * first"`), and the race settles only after they have finished. A function
 * in `work` runs as a child task of the returned task (named after the
 * function, else `race[<index>]`); a task in `work` is only watched: when
 * it loses it runs on for its other waiters, never stopped by the race. A
 * piece that has already finished wins at once (the first such, in input
 * order). Stopping the returned task stops the children it made.
 *
 * Unlike `Promise.race([])`, which never settles, an empty race is refused.
 *
 * @throws TypeError if `work` is not iterable, holds something that is
 *   neither a task nor a function, or `options` is wrong; RangeError if it
 *   is empty. Nothing is started.
 * @example
 * ```ts
 * // The signal aborts the losing fetch when the race stops its task.
 * const fetchFrom = async (mirror: string) =>
 *   (await fetch(mirror, { signal: currentSignal() })).text();
 * const [mirrorA, mirrorB] = ["https://a.example.com/", "https://b.example.com/"];
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
      // The first piece to finish decides, so no `allFinished`.
      childFinished: (_index, ok, value) => (ok ? { ok, value } : { ok, error: value }),
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

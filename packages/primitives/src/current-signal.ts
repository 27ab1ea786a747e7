import { setMaxListeners } from "node:events";
import type { Task } from "@gentletask/tasks";
import { stoppedError, watchedTask } from "./watched-task.js";

let neverAborting: AbortSignal | undefined;
const derived = new WeakMap<Task, AbortSignal>();

/**
 * The `AbortSignal` of the current task, to hand to `fetch`, streams,
 * `timers/promises`, child processes and anything else that takes a signal:
 * it aborts (with the task's `Stopped` as its reason) the moment the task is
 * stopped.
 *
 * - Outside any task, and inside {@link shield}, it is one shared signal that
 *   never aborts (it accepts any number of listeners without a warning).
 * - For a custom task without a `signal` property, a signal is derived once
 *   per task from its stop callbacks (one callback per task, however often
 *   this is called).
 *
 * @example
 * ```ts
 * import { currentSignal } from "@gentletask/primitives";
 * import { spawn } from "@gentletask/tasks";
 * import { setTimeout as delay } from "node:timers/promises";
 *
 * const task = spawn(() => delay(60_000, undefined, { signal: currentSignal() }));
 * await task.stop("no longer needed"); // the delay ends at once
 * ```
 */
export function currentSignal(): AbortSignal {
  const task = watchedTask();
  if (task === undefined) return neverAbortingSignal();
  const own = (task as { signal?: unknown }).signal;
  if (own instanceof AbortSignal) return own;
  return derivedSignal(task);
}

function neverAbortingSignal(): AbortSignal {
  if (neverAborting === undefined) {
    // Created on first use, never at import time; the controller is dropped,
    // so nothing can ever abort it.
    neverAborting = new AbortController().signal;
    // Listeners on a signal that never fires are harmless and many callers
    // share it, so the usual leak warning would only be noise.
    setMaxListeners(0, neverAborting);
  }
  return neverAborting;
}

function derivedSignal(task: Task): AbortSignal {
  const known = derived.get(task);
  if (known !== undefined) return known;
  let signal: AbortSignal;
  if (task.isStopped) {
    signal = AbortSignal.abort(stoppedError(task));
  } else {
    const controller = new AbortController();
    signal = controller.signal;
    // Not removed: it lives exactly as long as the task, and the WeakMap lets
    // both go together.
    task.addStopCallback(() => controller.abort(stoppedError(task)));
  }
  derived.set(task, signal);
  return signal;
}

import { stopForLibrary } from "./core/library-stop.js";

/** A task that an external signal stops. */
interface Stoppable {
  stop(reason?: unknown): unknown;
}

interface Relay {
  readonly tasks: Set<Stoppable>;
  readonly onAbort: () => void;
}

/**
 * One abort listener per external signal, shared by every task it stops: a
 * listener per task would pass Node's limit of 10 (and print
 * `MaxListenersExceededWarning`) as soon as more than ten tasks share, say,
 * a server-wide shutdown signal.
 */
const relays = new WeakMap<AbortSignal, Relay>();

/** Stops `task` with the signal's reason when `signal` aborts; the caller has checked it has not. */
export function stopOnAbort(signal: AbortSignal, task: Stoppable): void {
  let relay = relays.get(signal);
  if (relay === undefined) {
    const tasks = new Set<Stoppable>();
    const onAbort = () => {
      relays.delete(signal);
      for (const each of tasks) stopForLibrary(each, signal.reason);
      tasks.clear();
    };
    relay = { tasks, onAbort };
    relays.set(signal, relay);
    signal.addEventListener("abort", onAbort, { once: true });
  }
  relay.tasks.add(task);
}

/** Forgets `task`; the signal's listener goes when no task is left. */
export function forgetAbort(signal: AbortSignal, task: Stoppable): void {
  const relay = relays.get(signal);
  if (relay === undefined || !relay.tasks.delete(task) || relay.tasks.size > 0) return;
  relays.delete(signal);
  signal.removeEventListener("abort", relay.onAbort);
}

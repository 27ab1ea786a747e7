import { AsyncResource } from "node:async_hooks";
import type { ParkedWait } from "@gentletask/tasks/internal";
import { WaitList } from "@gentletask/tasks/internal";

/** The waits currently following one promise, through its one reaction. */
type Followers = WaitList<ParkedWait<unknown>>;

/**
 * One reaction per followed promise, shared by every wait on it. A reaction
 * on a promise lives as long as the promise stays pending: one per wait
 * would keep every finished wait (and the task it ran in) alive for as long
 * as a long-lived promise, such as "the server closed", stays pending.
 */
const followers = new WeakMap<object, Followers>();

/**
 * The reaction is registered in the context this module was loaded in, not
 * the first follower's: a reaction holds the async context it was registered
 * in, and with it that caller's task.
 */
const outsideAnyTask = new AsyncResource("gentletask.stoppable");

/**
 * Settles `wait` as `promise` settles, unless the wait ends first (it then
 * leaves the list and is forgotten). Without a wait, only makes sure the
 * promise's outcome is observed, so a late rejection is never unhandled.
 */
export function followPromise<T>(promise: PromiseLike<T>, wait?: ParkedWait<T>): void {
  let list = followers.get(promise);
  const fresh = list === undefined;
  if (list === undefined) {
    list = new WaitList<ParkedWait<unknown>>();
    followers.set(promise, list);
  }
  // Joined before `then` is called: a thenable may call back synchronously.
  if (wait !== undefined) list.push(wait as ParkedWait<unknown>);
  if (!fresh) return;
  const waits = list;
  outsideAnyTask.runInAsyncScope(() => {
    try {
      promise.then(
        (value) => deliver(promise, waits, true, value),
        (error) => deliver(promise, waits, false, error),
      );
    } catch (error) {
      // A hostile thenable whose `then` throws fails like a rejection.
      deliver(promise, waits, false, error);
    }
  });
}

function deliver(promise: object, waits: Followers, ok: boolean, outcome: unknown): void {
  if (followers.get(promise) === waits) followers.delete(promise);
  for (let wait = waits.shift(); wait !== undefined; wait = waits.shift()) {
    if (ok) wait.settle(outcome);
    else wait.fail(outcome);
  }
}

import { setMaxListeners } from "node:events";
import { checkDuration, checkFunction } from "@gentletask/semantic-stack/argument-errors";
import { currentTaskRecord } from "@gentletask/semantic-stack/task-record";
import { coarseNow } from "./coarse-clock.js";
import { reportExit, runBody } from "./core/body.js";
import {
  addCallback,
  addFinishCallback,
  callFinish,
  callReported,
  removeCallback,
} from "./core/callbacks.js";
import { joinTree, type TreePlace } from "./core/join-tree.js";
import { isLibraryStop } from "./core/library-stop.js";
import { enterRunning, leaveParent, tryExit } from "./core/lifecycle.js";
import { quietRejection } from "./core/result-promise.js";
import { stoppedError, stopTree } from "./core/stop-cascade.js";
import {
  EXITED,
  extrasOf,
  NODE,
  OBSERVED,
  STOPPED,
  type TaskKind,
  TaskNode,
} from "./core/task-node.js";
import { thenOf, waitFor } from "./core/task-waiter.js";
import { checkStopWait } from "./core/wait-cycles.js";
import { type FinishCallback, isTask, type Task } from "./task.js";

export type { TaskKind, TreePlace };

/**
 * The public protocol every built-in task shares, as short delegations to
 * the `core/` files, which work on the task's internal {@link TaskNode}.
 * See the README's "How it works" for the path of a stop.
 *
 * @internal Not exported from the package.
 */
export abstract class TaskBase<T> implements Task<T>, PromiseLike<T> {
  /** The task's name, as it appears on the throughline. */
  readonly name: string;
  /** @internal The task's record, which the `core/` files work on. */
  readonly [NODE]: TaskNode;

  /**
   * @param kind - what differs for this kind of task (shared by all of them).
   * @param place - where the task joins the tree: a `"child"` of the current
   *   task, or a `"root"` (detached). Joining happens here, so no subclass
   *   can forget it; a task created inside a stopped parent is stopped
   *   before this returns.
   */
  protected constructor(name: string, kind: TaskKind, place: TreePlace) {
    this.name = name;
    const node = new TaskNode(this, kind, coarseNow());
    this[NODE] = node;
    joinTree(node, place);
  }

  /** Whether the task has finished: its result or error is known. */
  get isDone(): boolean {
    const state = this[NODE].phase.state;
    return state === "done" || state === "failed";
  }

  /** Whether a stop has been requested. */
  get isStopped(): boolean {
    return (this[NODE].flags & STOPPED) !== 0;
  }

  /** The reason given to the first `stop(reason)`, or `undefined`. */
  get stopReason(): unknown {
    return this[NODE].stopReason;
  }

  /** The same as `wait()`. */
  get result(): Promise<T> {
    return this.wait();
  }

  /**
   * Resolves with the result or rejects with the task's error (a body that
   * exits by `Stopped` rejects with that `Stopped`).
   *
   * - Called inside a task (not shielded) that gets stopped meanwhile, or is
   *   already stopped: the wait rejects with `Stopped` carrying the caller's
   *   reason; this task is not stopped (waits never adopt). Stop is
   *   level-triggered: an already-stopped caller's wait rejects at once even
   *   when this task has finished (wait inside `shield` to read it).
   * - `timeoutMs`: past the deadline, rejects with a {@link TaskTimeoutError}
   *   whose `task` is this task, which is not stopped; `wait(0)` on an
   *   unfinished task rejects at once.
   *
   * The returned promise never counts as an unhandled rejection by itself.
   *
   * @throws TypeError if `timeoutMs` is not a number; RangeError if negative or NaN.
   */
  wait(timeoutMs?: number): Promise<T> {
    if (timeoutMs !== undefined) checkDuration(`${apiName(this)}.wait`, "timeoutMs", timeoutMs);
    return waitFor(this[NODE], timeoutMs) as Promise<T>;
  }

  /** Makes the task awaitable: `await task` is `await task.wait()`. */
  // biome-ignore lint/suspicious/noThenProperty: tasks are deliberately awaitable.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return thenOf(this[NODE], onFulfilled as (value: unknown) => unknown, onRejected) as Promise<
      R1 | R2
    >;
  }

  /**
   * Asks the task to stop. The first call records `reason`, aborts the
   * task's signal (its reason is the `Stopped` error), fires every stop
   * callback exactly once, and cascades to every non-detached child with the
   * same reason; later calls change nothing. Resolves (never rejects) once
   * the task is done: its body and every non-detached descendant have exited.
   * Calling it again returns the same promise. One exception, so that nothing
   * hangs: called inside a task whose own exit this task's exit waits for
   * (the task itself, one of its ancestors, or a cycle of waits back to it),
   * the stop still happens but the promise rejects at once with an `Error`
   * naming the tasks, as such a `wait` does (the rejection alone is never
   * reported as unhandled).
   */
  stop(reason?: unknown): Promise<void> {
    const node = this[NODE];
    stopTree(node, reason);
    const extra = extrasOf(node);
    if (extra.exitPromise === undefined) {
      if ((node.flags & EXITED) !== 0) extra.exitPromise = Promise.resolve();
      else {
        extra.exitPromise = new Promise<void>((resolve) => {
          extra.exitResolve = resolve;
        });
      }
    }
    if (isLibraryStop() || (node.flags & EXITED) !== 0) return extra.exitPromise;
    const cycle = checkStopWait(node);
    return cycle === undefined ? extra.exitPromise : quietRejection(cycle);
  }

  /**
   * Calls `fn(result, error)` once the task finishes, or at once if it has.
   * A callback that throws is reported as an uncaught error.
   *
   * @throws TypeError if `fn` is not a function.
   */
  addFinishCallback(fn: FinishCallback<T>): void {
    // The message is built only for a wrong `fn`: this is on every task's success path.
    if (typeof fn !== "function") checkFunction(`${apiName(this)}.addFinishCallback`, "fn", fn);
    const node = this[NODE];
    const phase = node.phase;
    if (phase.state === "done") callFinish(fn as FinishCallback<never>, true, phase.value);
    else if (phase.state === "failed") {
      node.flags |= OBSERVED;
      callFinish(fn as FinishCallback<never>, false, phase.error);
    } else addFinishCallback(node, fn as FinishCallback<never>);
  }

  /**
   * Calls `fn()` once when the task is stopped, or at once if it already is.
   * Adding the same function twice registers it once. A finished task that
   * was never stopped keeps no callbacks. A callback that throws is reported
   * as an uncaught error and does not keep the others from running.
   *
   * @throws TypeError if `fn` is not a function.
   */
  addStopCallback(fn: () => void): void {
    // Every wait inside a task registers one: no message unless `fn` is wrong.
    if (typeof fn !== "function") checkFunction(`${apiName(this)}.addStopCallback`, "fn", fn);
    const node = this[NODE];
    if ((node.flags & STOPPED) !== 0) callReported(fn);
    else if ((node.flags & EXITED) === 0) node.stopCallbacks = addCallback(node.stopCallbacks, fn);
  }

  /** Forgets a stop callback; nothing happens if it is not registered. */
  removeStopCallback(fn: () => void): void {
    const node = this[NODE];
    node.stopCallbacks = removeCallback(node.stopCallbacks, fn);
  }

  /**
   * Takes this task out of its parent's stop cascade: the parent no longer
   * stops it or waits for it. The task keeps its throughline ancestry.
   *
   * @throws Error unless called by the parent (the current task whose
   *   children include this task).
   */
  detach(): void {
    const node = this[NODE];
    const caller = currentTaskRecord();
    const owner = node.parent?.task ?? node.extra?.customParent?.task;
    if (owner === undefined || caller !== owner) {
      const from = isTask(caller) ? `from task "${caller.name}"` : "outside any task";
      throw new Error(
        owner === undefined
          ? `detach: task "${this.name}" has no parent to detach from (called ${from})`
          : `detach: only the parent task "${owner.name}" may detach task "${this.name}" (called ${from})`,
      );
    }
    const parent = leaveParent(node);
    // Still running, so still on the tree: now as a root of its own.
    joinTree(node, "root");
    if (parent !== undefined) tryExit(parent);
  }

  // ---- for subclasses ---------------------------------------------------------

  /** The `AbortSignal` that aborts, with the `Stopped` error as reason, when the task is stopped. Created on first use. */
  protected taskSignal(): AbortSignal {
    const node = this[NODE];
    const extra = extrasOf(node);
    if (extra.controller === undefined) {
      extra.controller = new AbortController();
      // Any number of listeners (eleven `timers/promises` waits, say) is fine on a task's signal.
      setMaxListeners(0, extra.controller.signal);
      if ((node.flags & STOPPED) !== 0) extra.controller.abort(stoppedError(node));
    }
    return extra.controller.signal;
  }

  /** Moves from `pending` to `running`; false if the task already left `pending` (it was stopped). */
  protected enterRunning(hasBody: boolean): boolean {
    return enterRunning(this[NODE], hasBody);
  }

  /**
   * Runs `fn(...args)` as this task's body, as its name on the throughline
   * with this task current, and reports its exit. Call after `enterRunning(true)`,
   * as the last thing of the promise reaction that starts the body (the
   * task's context may last to that reaction's end; see `core/body.ts`).
   */
  protected runBody(fn: (...args: never[]) => unknown, args: readonly unknown[] | undefined): void {
    runBody(this[NODE], fn, args);
  }

  /** Completes a running task without a body; false if it is not running. */
  protected complete(ok: boolean, value: unknown): boolean {
    const node = this[NODE];
    if (node.phase.state !== "running") return false;
    reportExit(node, ok, value, false);
    return true;
  }
}

/**
 * The class name an argument error of `task`'s methods starts with: its own
 * (a user's subclass keeps its name), or `"Task"` for the package's internal
 * kinds (a job, a worker's task), whose class names mean nothing to a user.
 */
function apiName(task: object): string {
  const type = task.constructor as { name: string; apiName?: string };
  return Object.hasOwn(type, "apiName") ? (type.apiName as string) : type.name;
}

import { currentTaskRecord, isShielded } from "@gentletask/semantic-stack/task-record";
import { Deadline } from "../deadline.js";
import { Stopped } from "../stopped.js";
import { isTask, type Task } from "../task.js";
import { TaskTimeoutError } from "../task-timeout-error.js";
import { holdExitFor } from "./exit-holds.js";
import { addWaiter, forgetWaiter } from "./lifecycle.js";
import { quiet, quietRejection, sharedResult } from "./result-promise.js";
import { stopTree } from "./stop-cascade.js";
import { isSettled, type NodeWaiter, nodeOf, type TaskNode } from "./task-node.js";

/**
 * One wait on a task that must end early when the caller is stopped or a
 * deadline passes. It holds a stop callback on the caller and at most one
 * timer, and releases both (and its place on the task) the moment it ends.
 */
class TaskWaiter implements NodeWaiter {
  readonly promise: Promise<unknown>;
  #resolve!: (value: unknown) => void;
  #reject!: (error: unknown) => void;
  #active = true;
  readonly #target: TaskNode;
  readonly #caller: Task | undefined;
  readonly #onStop: (() => void) | undefined;
  #deadline: Deadline | undefined;

  constructor(target: TaskNode, caller: Task | undefined, timeoutMs: number | undefined) {
    this.promise = new Promise<unknown>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#target = target;
    this.#caller = caller;
    addWaiter(target, this);
    if (caller !== undefined) {
      this.#onStop = () => this.#callerStopped();
      caller.addStopCallback(this.#onStop);
    }
    if (timeoutMs !== undefined && timeoutMs !== Number.POSITIVE_INFINITY && this.#active) {
      this.#deadline = new Deadline(timeoutMs, () => {
        if (this.#release()) this.#reject(new TaskTimeoutError(this.#target.task, timeoutMs));
      });
    }
  }

  /** The awaited task settled (it has already dropped this waiter). */
  settle(ok: boolean, value: unknown): void {
    if (!this.#active) return;
    this.#active = false;
    this.#deadline?.cancel();
    if (this.#caller !== undefined) this.#caller.removeStopCallback(this.#onStop as () => void);
    if (ok) this.#resolve(value);
    else this.#reject(value);
  }

  #callerStopped(): void {
    const caller = this.#caller as Task;
    const reason = caller.stopReason;
    if (!this.#release()) return;
    // The caller gave up on the task because it was stopped: the task is
    // stopped with it, as a child would be.
    stopTree(this.#target, reason);
    const callerNode = nodeOf(caller);
    if (callerNode !== undefined) holdExitFor(callerNode, this.#target);
    this.#reject(new Stopped(reason));
  }

  #release(): boolean {
    if (!this.#active) return false;
    this.#active = false;
    this.#deadline?.cancel();
    if (this.#caller !== undefined) this.#caller.removeStopCallback(this.#onStop as () => void);
    forgetWaiter(this.#target, this);
    return true;
  }
}

/** The current task, if a stop of it must end a wait on `node`. */
function watchingCaller(node: TaskNode): Task | undefined {
  const record = currentTaskRecord();
  if (record === undefined || record === node.task || isShielded()) return undefined;
  if (nodeOf(record) !== undefined || isTask(record)) return record as Task;
  return undefined;
}

/**
 * The `Stopped` a wait by the stopped `caller` rejects with; an unfinished
 * task is stopped with the caller's reason, as the caller gives up on it.
 */
function stoppedBy(node: TaskNode, caller: Task): Stopped {
  const reason = caller.stopReason;
  if (!isSettled(node)) {
    stopTree(node, reason);
    const callerNode = nodeOf(caller);
    if (callerNode !== undefined) holdExitFor(callerNode, node);
  }
  return new Stopped(reason);
}

/**
 * The body of `Task#wait` (the caller has checked `timeoutMs`). The
 * returned promise never counts as an unhandled rejection by itself.
 */
export function waitFor(node: TaskNode, timeoutMs: number | undefined): Promise<unknown> {
  const caller = watchingCaller(node);
  // Level-triggered: a stopped caller's wait rejects even on a finished task.
  if (caller?.isStopped) return quietRejection(stoppedBy(node, caller));
  const phase = node.phase;
  if (phase.state === "done") return Promise.resolve(phase.value);
  if (phase.state === "failed") return quietRejection(phase.error);
  if (timeoutMs === 0) return quietRejection(new TaskTimeoutError(node.task, 0));
  if (caller === undefined && (timeoutMs === undefined || timeoutMs === Number.POSITIVE_INFINITY)) {
    return quiet(sharedResult(node));
  }
  return quiet(new TaskWaiter(node, caller, timeoutMs).promise);
}

/** The body of `Task#then`: `await task` is `await task.wait()`. */
export function thenOf(
  node: TaskNode,
  onFulfilled: ((value: unknown) => unknown) | null | undefined,
  onRejected: ((reason: unknown) => unknown) | null | undefined,
): Promise<unknown> {
  const caller = watchingCaller(node);
  if (caller?.isStopped) {
    return Promise.reject(stoppedBy(node, caller)).then(onFulfilled, onRejected);
  }
  const phase = node.phase;
  if (phase.state === "done") return Promise.resolve(phase.value).then(onFulfilled, onRejected);
  if (phase.state === "failed") return Promise.reject(phase.error).then(onFulfilled, onRejected);
  if (caller === undefined) return sharedResult(node).then(onFulfilled, onRejected);
  return new TaskWaiter(node, caller, undefined).promise.then(onFulfilled, onRejected);
}

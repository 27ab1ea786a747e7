import { currentTaskRecord, isShielded } from "@gentletask/semantic-stack/task-record";
import { Stopped } from "../stopped.js";
import { isTask, type Task } from "../task.js";
import { TaskTimeoutError } from "../task-timeout-error.js";
import { holdExitFor } from "./exit-holds.js";
import { addWaiter, forgetWaiter } from "./lifecycle.js";
import { ParkedWait } from "./parked-wait.js";
import { quiet, quietRejection, sharedResult } from "./result-promise.js";
import { stopTree } from "./stop-cascade.js";
import { isSettled, type NodeWaiter, nodeOf, type TaskNode } from "./task-node.js";

/** Rejects a wait on a task whose deadline passed: a `TaskTimeoutError` naming the task. */
function timedOut(wait: ParkedWait<unknown>): void {
  const waiter = wait as TaskWaiter;
  waiter.fail(new TaskTimeoutError(waiter.target.task, waiter.timeoutMs));
}

/**
 * One wait on a task that must end early when the caller is stopped or a
 * deadline passes: a {@link ParkedWait} (the caller's stop callback, at most
 * one timer) that the awaited task settles.
 */
class TaskWaiter extends ParkedWait<unknown> implements NodeWaiter {
  readonly target: TaskNode;
  readonly timeoutMs: number;

  constructor(target: TaskNode, caller: Task | undefined, timeoutMs: number | undefined) {
    super(caller);
    this.target = target;
    this.timeoutMs = timeoutMs ?? Number.POSITIVE_INFINITY;
    addWaiter(target, this);
    if (timeoutMs !== undefined) this.expireAfter(timeoutMs, timedOut);
  }

  /** The awaited task settled (it has already dropped this waiter). */
  settleWith(ok: boolean, value: unknown): void {
    if (ok) this.settle(value);
    else this.fail(value);
  }

  protected override stopped(caller: Task): void {
    const reason = caller.stopReason;
    // Off the task's list first, so stopping it below cannot settle this wait.
    forgetWaiter(this.target, this);
    // The caller gave up on the task because it was stopped: the task is
    // stopped with it, as a child would be.
    stopTree(this.target, reason);
    const callerNode = nodeOf(caller);
    if (callerNode !== undefined) holdExitFor(callerNode, this.target);
    this.fail(new Stopped(reason));
  }

  protected override release(): void {
    super.release();
    forgetWaiter(this.target, this);
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

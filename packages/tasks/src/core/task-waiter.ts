import { currentTaskState } from "@gentletask/semantic-stack/task-record";
import { Stopped } from "../stopped.js";
import { isTask, type Task } from "../task.js";
import { TaskTimeoutError } from "../task-timeout-error.js";
import { addWaiter, forgetWaiter } from "./lifecycle.js";
import { ParkedWait } from "./parked-wait.js";
import { quiet, quietRejection, sharedResult } from "./result-promise.js";
import { type NodeWaiter, nodeOf, OBSERVED, type TaskNode } from "./task-node.js";
import { checkNoCycle, startWaitingOn, stopWaitingOn } from "./wait-cycles.js";

/** Rejects a wait on a task whose deadline passed: a `TaskTimeoutError` naming the task. */
function timedOut(wait: ParkedWait<unknown>): void {
  const waiter = wait as TaskWaiter;
  waiter.fail(new TaskTimeoutError(waiter.target.task, waiter.timeoutMs));
}

/**
 * One wait on a task that must end early when the caller is stopped or a
 * deadline passes: a {@link ParkedWait} (the caller's stop callback, at most
 * one timer) that the awaited task settles. A stopped caller ends only its
 * own wait: the awaited task is often shared (one fetch awaited by many
 * requests), so it is never stopped for one waiter.
 */
class TaskWaiter extends ParkedWait<unknown> implements NodeWaiter {
  readonly target: TaskNode;
  readonly timeoutMs: number;
  /** The built-in task waiting, for the cycle check; `undefined` for a custom caller. */
  readonly callerNode: TaskNode | undefined;

  constructor(
    target: TaskNode,
    caller: Task | undefined,
    callerNode: TaskNode | undefined,
    timeoutMs: number | undefined,
  ) {
    super(caller);
    this.target = target;
    this.timeoutMs = timeoutMs ?? Number.POSITIVE_INFINITY;
    this.callerNode = callerNode;
    addWaiter(target, this);
    if (callerNode !== undefined) startWaitingOn(callerNode, target);
    if (timeoutMs !== undefined) this.expireAfter(timeoutMs, timedOut);
  }

  /** The awaited task settled (it has already dropped this waiter). */
  settleWith(ok: boolean, value: unknown): void {
    if (ok) this.settle(value);
    else this.fail(value);
  }

  protected override release(): void {
    super.release();
    forgetWaiter(this.target, this);
    if (this.callerNode !== undefined) stopWaitingOn(this.callerNode, this.target);
  }
}

/** The current task, if a stop of it must end a wait on `node`. */
function watchingCaller(node: TaskNode): Task | undefined {
  const state = currentTaskState();
  const record = state?.task;
  if (record === undefined || record === node.task || state?.shielded === true) return undefined;
  if (nodeOf(record) !== undefined || isTask(record)) return record as Task;
  return undefined;
}

/** The `Stopped` a wait by the stopped `caller` rejects with: the caller's reason; the task is left alone. */
function stoppedBy(caller: Task): Stopped {
  return new Stopped(caller.stopReason);
}

/**
 * The body of `Task#wait` (the caller has checked `timeoutMs`). The
 * returned promise never counts as an unhandled rejection by itself.
 */
export function waitFor(node: TaskNode, timeoutMs: number | undefined): Promise<unknown> {
  const caller = watchingCaller(node);
  // Level-triggered: a stopped caller's wait rejects even on a finished task.
  if (caller?.isStopped) return quietRejection(stoppedBy(caller));
  const phase = node.phase;
  if (phase.state === "done") return Promise.resolve(phase.value);
  if (phase.state === "failed") {
    node.flags |= OBSERVED;
    return quietRejection(phase.error);
  }
  const cycle = checkNoCycle(node, caller);
  if (cycle !== undefined) return quietRejection(cycle);
  if (timeoutMs === 0) return quietRejection(new TaskTimeoutError(node.task, 0));
  if (caller === undefined && (timeoutMs === undefined || timeoutMs === Number.POSITIVE_INFINITY)) {
    return quiet(sharedResult(node));
  }
  const callerNode = caller === undefined ? undefined : nodeOf(caller);
  return quiet(new TaskWaiter(node, caller, callerNode, timeoutMs).promise);
}

/** The body of `Task#then`: `await task` is `await task.wait()`. */
export function thenOf(
  node: TaskNode,
  onFulfilled: ((value: unknown) => unknown) | null | undefined,
  onRejected: ((reason: unknown) => unknown) | null | undefined,
): Promise<unknown> {
  const caller = watchingCaller(node);
  if (caller?.isStopped) {
    return Promise.reject(stoppedBy(caller)).then(onFulfilled, onRejected);
  }
  const phase = node.phase;
  if (phase.state === "done") return Promise.resolve(phase.value).then(onFulfilled, onRejected);
  if (phase.state === "failed") {
    node.flags |= OBSERVED;
    return Promise.reject(phase.error).then(onFulfilled, onRejected);
  }
  const cycle = checkNoCycle(node, caller);
  if (cycle !== undefined) return Promise.reject(cycle).then(onFulfilled, onRejected);
  if (caller === undefined) return sharedResult(node).then(onFulfilled, onRejected);
  return new TaskWaiter(node, caller, nodeOf(caller), undefined).promise.then(
    onFulfilled,
    onRejected,
  );
}

import {
  currentTaskRecord,
  isShielded,
  rememberRaiseSite,
  runInTask,
} from "@gentletask/semantic-stack/task-record";
import { checkDuration, checkFunction, isThenable } from "./argument-errors.js";
import { coarseNow, watchTasksWith } from "./coarse-clock.js";
import { Deadline } from "./deadline.js";
import { raiseErrorsReport } from "./raise-report.js";
import { reportUncaught } from "./report-uncaught.js";
import {
  addCallback,
  callReported,
  fireCallbacks,
  removeCallback,
  type StopCallbacks,
} from "./stop-callbacks.js";
import { isStopOnly, Stopped } from "./stopped.js";
import { type FinishCallback, isTask, type Task } from "./task.js";
import { TaskTimeoutError } from "./task-timeout-error.js";

/**
 * Where a built-in task is in its life. Public getters derive from it.
 * - `pending`: created, body not started (deferred start, or the microtask
 *   that starts it has not run yet).
 * - `running`: the body runs (or, for tasks without a body, it waits to be completed).
 * - `unwinding`: the body has exited; its outcome waits until the children have exited.
 * - `done` / `failed`: the result is delivered.
 */
type Lifecycle<T> =
  | { readonly state: "pending" }
  | { readonly state: "running" }
  | { readonly state: "unwinding"; readonly ok: boolean; readonly value: unknown }
  | { readonly state: "done"; readonly value: T }
  | { readonly state: "failed"; readonly error: unknown };

const BODY_LIVE = 1;
const EXITED = 2;
const STOPPED = 4;
/** Linked into the list of root tasks (no built-in parent) that `taskTree()` starts from. */
const ROOT = 8;
/**
 * Created inside `shield` (of its parent's body): the parent's stop does not
 * cascade to it, so shielded waits on it are not cut short. The parent still
 * stops it when its body exits, and still waits for it.
 */
const SHIELDED = 16;

const PENDING: Lifecycle<never> = Object.freeze({ state: "pending" });
const RUNNING: Lifecycle<never> = Object.freeze({ state: "running" });

function noop(): void {}

type StoredFinish = (result: never, error: unknown) => void;

/** The parts of a task that few tasks need. */
interface TaskExtras {
  /** The `Stopped` the signal aborts with and a stop completes with. */
  stopError?: Stopped;
  /** What `stop()` returns: resolves when the task has exited. */
  exitPromise?: Promise<void>;
  exitResolve?: (() => void) | undefined;
  controller?: AbortController;
  /** Armed by `raiseErrors`. */
  raiseTemplate?: string;
  /** A parent that is a custom task, which keeps no children list: we ride on its stop callbacks. */
  customParent?: { task: Task; onStop: () => void } | undefined;
  /**
   * Tasks this one was waiting on when it was stopped, and stopped with it:
   * it does not exit before they have, as for children.
   */
  holding?: Set<TaskBase<unknown>> | undefined;
  /** The tasks holding this one (see `holding`), to tell when it exits. */
  heldBy?: Set<TaskBase<unknown>> | undefined;
}

/** A rejected promise that never counts as unhandled on its own. */
function quietRejection(error: unknown): Promise<never> {
  const promise = Promise.reject(error);
  promise.catch(noop);
  return promise;
}

let forgetWaiter: (task: TaskBase<unknown>, waiter: TaskWaiter<unknown>) => void;
let addWaiter: (task: TaskBase<unknown>, waiter: TaskWaiter<unknown>) => void;
let stopTask: (task: TaskBase<unknown>, reason: unknown) => void;
/**
 * A task waited on from inside `caller` is the caller's child for as long as
 * the wait lasts: when the caller's stop ends the wait and stops the task,
 * the caller does not exit before it has (unless that would be a cycle).
 */
let holdExitFor: (caller: Task, target: TaskBase<unknown>) => void;
/** Reports the body's exit to the current task (the handlers below run in its context). */
let bodyExitedHere: (ok: boolean, value: unknown) => void;

function onBodyValue(value: unknown): void {
  bodyExitedHere(true, value);
}

function onBodyError(error: unknown): void {
  rememberRaiseSite(error);
  bodyExitedHere(false, error);
}

/**
 * Arms `raiseErrors` for a built-in task: its failure (not a `Stopped`) is
 * reported once with `template`; the first template wins. A task that has
 * already failed is reported now.
 */
export let armRaiseErrors: (task: TaskBase<unknown>, template: string) => void;

/**
 * Whether a finished built-in task failed: its finish callback cannot tell a
 * body that threw `undefined` from one that returned it.
 */
export let hasFailed: (task: TaskBase<unknown>) => boolean;

/** One running task as `taskTree()` reports it; see `task-tree.ts`. */
export interface TaskTreeEntry {
  readonly task: TaskBase<unknown>;
  readonly state: "pending" | "running" | "unwinding";
  readonly createdAt: number;
  readonly children: readonly TaskTreeEntry[];
}

/** The built-in tasks that have not exited yet, as trees from the root tasks, oldest first. */
export let liveTaskTrees: () => TaskTreeEntry[];

/**
 * One wait on a task that must end early when the caller is stopped or a
 * deadline passes. It holds a stop callback on the caller and at most one
 * timer, and releases both (and its place on the task) the moment it ends.
 */
class TaskWaiter<T> {
  readonly promise: Promise<T>;
  #resolve!: (value: T) => void;
  #reject!: (error: unknown) => void;
  #active = true;
  readonly #target: TaskBase<T>;
  readonly #caller: Task | undefined;
  readonly #onStop: (() => void) | undefined;
  #deadline: Deadline | undefined;

  constructor(target: TaskBase<T>, caller: Task | undefined, timeoutMs: number | undefined) {
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#target = target;
    this.#caller = caller;
    addWaiter(target as TaskBase<unknown>, this as TaskWaiter<unknown>);
    if (caller !== undefined) {
      this.#onStop = () => this.#callerStopped();
      caller.addStopCallback(this.#onStop);
    }
    if (timeoutMs !== undefined && timeoutMs !== Number.POSITIVE_INFINITY && this.#active) {
      this.#deadline = new Deadline(timeoutMs, () => {
        if (this.#release()) this.#reject(new TaskTimeoutError(this.#target, timeoutMs));
      });
    }
  }

  /** The awaited task settled (it has already dropped this waiter). */
  settle(ok: boolean, value: unknown): void {
    if (!this.#active) return;
    this.#active = false;
    this.#deadline?.cancel();
    if (this.#caller !== undefined) this.#caller.removeStopCallback(this.#onStop as () => void);
    if (ok) this.#resolve(value as T);
    else this.#reject(value);
  }

  #callerStopped(): void {
    const reason = (this.#caller as Task).stopReason;
    if (!this.#release()) return;
    // The caller gave up on the task because it was stopped: the task is
    // stopped with it, as a child would be.
    stopTask(this.#target as TaskBase<unknown>, reason);
    holdExitFor(this.#caller as Task, this.#target as TaskBase<unknown>);
    this.#reject(new Stopped(reason));
  }

  #release(): boolean {
    if (!this.#active) return false;
    this.#active = false;
    this.#deadline?.cancel();
    if (this.#caller !== undefined) this.#caller.removeStopCallback(this.#onStop as () => void);
    forgetWaiter(this.#target as TaskBase<unknown>, this as TaskWaiter<unknown>);
    return true;
  }
}

/**
 * The machinery every built-in task shares: lifecycle, stop flag and
 * callbacks, finish callbacks, the parent link and the children list, the
 * lazily created result promise and `AbortSignal`, and `wait`.
 *
 * Children are an intrusive doubly linked list (no `Set` per parent, O(1)
 * unlink when a child exits), and stops cascade with a work list, never
 * recursion, so very deep and very wide trees stop without overflowing the
 * stack.
 *
 * @internal Not exported from the package.
 */
export abstract class TaskBase<T> implements Task<T>, PromiseLike<T> {
  /** The task's name, as it appears on the throughline. */
  readonly name: string;
  #life: Lifecycle<T> = PENDING;
  /** A few bits (body live, exited, stopped, root, shielded) in one field: tasks are many, so small counts. */
  #flags = 0;
  #stopReason: unknown = undefined;
  #stopCallbacks: StopCallbacks = undefined;
  // Stored as callbacks of `never` so a TaskBase<T> stays assignable to TaskBase<unknown>.
  #finishCallbacks: StoredFinish[] | StoredFinish | undefined = undefined;
  /** None, one, or a set of several: most tasks have at most one waiter. */
  #waiters: TaskWaiter<unknown> | Set<TaskWaiter<unknown>> | undefined = undefined;
  #deferred: { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void } | undefined =
    undefined;
  /** What few tasks need, kept out of line so a task stays small. */
  #extra: TaskExtras | undefined = undefined;
  // Tree links.
  #parent: TaskBase<unknown> | undefined = undefined;
  #firstChild: TaskBase<unknown> | undefined = undefined;
  #prevSibling: TaskBase<unknown> | undefined = undefined;
  #nextSibling: TaskBase<unknown> | undefined = undefined;
  /** When the task was created (see `coarse-clock.ts`), for the age `taskTree()` reports. */
  readonly #createdAt: number = coarseNow();

  /** Root tasks (no built-in parent), newest first, linked through their sibling links. */
  static #firstRoot: TaskBase<unknown> | undefined = undefined;

  static {
    watchTasksWith(() => TaskBase.#firstRoot !== undefined);
    hasFailed = (task) => task.#life.state === "failed";
    liveTaskTrees = () => {
      const roots: TaskTreeEntry[] = [];
      for (let root = TaskBase.#firstRoot; root !== undefined; root = root.#nextSibling) {
        roots.push(TaskBase.#treeEntry(root));
      }
      return roots.reverse();
    };
    forgetWaiter = (task, waiter) => {
      const waiters = task.#waiters;
      if (waiters === waiter) task.#waiters = undefined;
      else if (waiters instanceof Set) waiters.delete(waiter);
    };
    addWaiter = (task, waiter) => {
      const waiters = task.#waiters;
      if (waiters === undefined) task.#waiters = waiter;
      else if (waiters instanceof Set) waiters.add(waiter);
      else task.#waiters = new Set([waiters, waiter]);
    };
    stopTask = (task, reason) => TaskBase.#stopTree(task, reason);
    holdExitFor = (caller, target) => {
      if (!(caller instanceof TaskBase) || caller.#exited || target.#exited) return;
      // A child already holds its parent's exit: the usual case, and cheap.
      if (target.#parent === caller) return;
      if (TaskBase.#exitWaitsFor(target, caller as TaskBase<unknown>)) return;
      const callerExtras = caller.#extras();
      if (callerExtras.holding === undefined) callerExtras.holding = new Set();
      callerExtras.holding.add(target);
      const targetExtras = target.#extras();
      if (targetExtras.heldBy === undefined) targetExtras.heldBy = new Set();
      targetExtras.heldBy.add(caller as TaskBase<unknown>);
    };
    bodyExitedHere = (ok, value) => {
      (currentTaskRecord() as TaskBase<unknown>).#bodyExited(ok, value);
    };
    armRaiseErrors = (task, template) => {
      const extra = task.#extras();
      if (extra.raiseTemplate !== undefined) return;
      extra.raiseTemplate = template;
      const life = task.#life;
      if (life.state === "failed" && !isStopOnly(life.error)) {
        reportUncaught(raiseErrorsReport(template, task.name, life.error));
      }
    };
  }

  /** Whether a body is still executing (it may outlive an early settle). */
  get #bodyLive(): boolean {
    return (this.#flags & BODY_LIVE) !== 0;
  }
  set #bodyLive(on: boolean) {
    this.#flags = on ? this.#flags | BODY_LIVE : this.#flags & ~BODY_LIVE;
  }
  /** Whether the task has exited: result delivered, body and children gone. */
  get #exited(): boolean {
    return (this.#flags & EXITED) !== 0;
  }
  set #exited(on: boolean) {
    this.#flags = on ? this.#flags | EXITED : this.#flags & ~EXITED;
  }
  get #stopped(): boolean {
    return (this.#flags & STOPPED) !== 0;
  }
  set #stopped(on: boolean) {
    this.#flags = on ? this.#flags | STOPPED : this.#flags & ~STOPPED;
  }

  protected constructor(name: string) {
    this.name = name;
  }

  // ---- public protocol ------------------------------------------------------

  /** Whether the task has finished: its result or error is known. */
  get isDone(): boolean {
    const state = this.#life.state;
    return state === "done" || state === "failed";
  }

  /** Whether a stop has been requested. */
  get isStopped(): boolean {
    return this.#stopped;
  }

  /** The reason given to the first `stop(reason)`, or `undefined`. */
  get stopReason(): unknown {
    return this.#stopReason;
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
   *   already stopped: this task is stopped with the caller's reason and the
   *   wait rejects with `Stopped` carrying that reason. Stop is
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
    if (timeoutMs !== undefined) checkDuration(`${this.#where()}.wait`, "timeoutMs", timeoutMs);
    const caller = this.#watchingCaller();
    // Level-triggered: a stopped caller's wait rejects even on a finished task.
    if (caller?.isStopped) return quietRejection(this.#stoppedBy(caller));
    const life = this.#life;
    if (life.state === "done") return Promise.resolve(life.value);
    if (life.state === "failed") return quietRejection(life.error);
    if (timeoutMs === 0) return quietRejection(new TaskTimeoutError(this, 0));
    if (
      caller === undefined &&
      (timeoutMs === undefined || timeoutMs === Number.POSITIVE_INFINITY)
    ) {
      const promise = this.#sharedPromise();
      promise.catch(noop);
      return promise;
    }
    const waiter = new TaskWaiter(this, caller, timeoutMs);
    waiter.promise.catch(noop);
    return waiter.promise;
  }

  /**
   * Makes the task awaitable: `await task` is `await task.wait()`.
   */
  // biome-ignore lint/suspicious/noThenProperty: tasks are deliberately awaitable.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    const caller = this.#watchingCaller();
    if (caller?.isStopped) {
      return Promise.reject(this.#stoppedBy(caller)).then(onFulfilled, onRejected);
    }
    const life = this.#life;
    if (life.state === "done") return Promise.resolve(life.value).then(onFulfilled, onRejected);
    if (life.state === "failed") return Promise.reject(life.error).then(onFulfilled, onRejected);
    if (caller === undefined) return this.#sharedPromise().then(onFulfilled, onRejected);
    return new TaskWaiter(this, caller, undefined).promise.then(onFulfilled, onRejected);
  }

  /**
   * Asks the task to stop. The first call records `reason`, aborts the
   * task's signal (its reason is the `Stopped` error), fires every stop
   * callback exactly once, and cascades to every non-detached child with the
   * same reason; later calls change nothing. Resolves (never rejects) once
   * the task is done: its body and every non-detached descendant have exited.
   * Calling it again returns the same promise.
   */
  stop(reason?: unknown): Promise<void> {
    if (!this.#stopped) TaskBase.#stopTree(this, reason);
    const extra = this.#extras();
    if (extra.exitPromise === undefined) {
      if (this.#exited) extra.exitPromise = Promise.resolve();
      else {
        extra.exitPromise = new Promise<void>((resolve) => {
          extra.exitResolve = resolve;
        });
      }
    }
    return extra.exitPromise;
  }

  /**
   * Calls `fn(result, error)` once the task finishes, or at once if it has.
   * A callback that throws is reported as an uncaught error.
   *
   * @throws TypeError if `fn` is not a function.
   */
  addFinishCallback(fn: FinishCallback<T>): void {
    checkFunction(`${this.#where()}.addFinishCallback`, "fn", fn);
    const life = this.#life;
    if (life.state === "done") callReported(() => fn(life.value, undefined));
    else if (life.state === "failed") callReported(() => fn(undefined, life.error));
    else if (this.#finishCallbacks === undefined) this.#finishCallbacks = fn;
    else if (typeof this.#finishCallbacks === "function") {
      this.#finishCallbacks = [this.#finishCallbacks, fn];
    } else this.#finishCallbacks.push(fn);
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
    checkFunction(`${this.#where()}.addStopCallback`, "fn", fn);
    if (this.#stopped) callReported(fn);
    else if (!this.#exited) this.#stopCallbacks = addCallback(this.#stopCallbacks, fn);
  }

  /** Forgets a stop callback; nothing happens if it is not registered. */
  removeStopCallback(fn: () => void): void {
    this.#stopCallbacks = removeCallback(this.#stopCallbacks, fn);
  }

  /**
   * Takes this task out of its parent's stop cascade: the parent no longer
   * stops it or waits for it. The task keeps its throughline ancestry.
   *
   * @throws Error unless called by the parent (the current task whose
   *   children include this task).
   */
  detach(): void {
    const caller = currentTaskRecord();
    const owner = this.#parent ?? this.#extra?.customParent?.task;
    if (owner === undefined || caller !== owner) {
      const from = isTask(caller) ? `from task "${caller.name}"` : "outside any task";
      throw new Error(
        owner === undefined
          ? `detach: task "${this.name}" has no parent to detach from (called ${from})`
          : `detach: only the parent task "${owner.name}" may detach task "${this.name}" (called ${from})`,
      );
    }
    const parent = this.#leaveParent();
    // Still running, so still on the tree: now as a root of its own.
    this.joinTree(true);
    if (parent !== undefined) parent.#tryExit();
  }

  // ---- for subclasses ---------------------------------------------------------

  /** The `AbortSignal` that aborts, with the `Stopped` error as reason, when the task is stopped. Created on first use. */
  protected taskSignal(): AbortSignal {
    const extra = this.#extras();
    if (extra.controller === undefined) {
      extra.controller = new AbortController();
      if (this.#stopped) extra.controller.abort(this.#stoppedError());
    }
    return extra.controller.signal;
  }

  /**
   * Makes this task a child of the current task (unless `detached`, there is
   * no current task, or it has finished), and stops it at once if that parent
   * is stopped (outside a shield) or already unwinding. Created inside a
   * shield, it is out of reach of the parent's stop cascade. A task without a
   * built-in parent joins the list of root tasks instead. Call at the end of
   * the constructor.
   */
  protected joinTree(detached: boolean): void {
    if (!detached) this.#attachToCurrentTask();
    if (this.#parent === undefined && !this.#exited) {
      const first = TaskBase.#firstRoot;
      this.#nextSibling = first;
      if (first !== undefined) first.#prevSibling = this as TaskBase<unknown>;
      TaskBase.#firstRoot = this as TaskBase<unknown>;
      this.#flags |= ROOT;
    }
  }

  #attachToCurrentTask(): void {
    const record = currentTaskRecord();
    if (record === undefined) return;
    if (record instanceof TaskBase) {
      const parent = record as TaskBase<unknown>;
      const state = parent.#life.state;
      const settled = state === "done" || state === "failed";
      if (parent.#exited || (settled && !parent.#bodyLive)) return;
      this.#parent = parent;
      const first = parent.#firstChild;
      this.#nextSibling = first;
      if (first !== undefined) first.#prevSibling = this as TaskBase<unknown>;
      parent.#firstChild = this as TaskBase<unknown>;
      // A parent that settled early (a stopped job whose body still runs) is
      // stopped, so the shield decides, as for any stopped parent.
      const shielded = isShielded();
      if (state === "unwinding" || (parent.#stopped && !shielded)) {
        TaskBase.#stopTree(this, parent.#stopReason);
      } else if (shielded) {
        this.#flags |= SHIELDED;
      }
      return;
    }
    if (!isTask(record)) return;
    if (record.isStopped) {
      if (!isShielded()) TaskBase.#stopTree(this, record.stopReason);
      return;
    }
    const onStop = () => TaskBase.#stopTree(this, record.stopReason);
    this.#extras().customParent = { task: record, onStop };
    // Created inside a shield: out of reach of the parent's stop, as above.
    if (!isShielded()) record.addStopCallback(onStop);
  }

  /** Moves from `pending` to `running`; false if the task already left `pending` (it was stopped). */
  protected enterRunning(hasBody: boolean): boolean {
    if (this.#life !== PENDING) return false;
    this.#life = RUNNING;
    this.#bodyLive = hasBody;
    return true;
  }

  /**
   * Runs `fn(...args)` as this task's body, as `name` on the throughline with
   * this task current, and reports its exit. Call after `enterRunning(true)`.
   */
  protected runBody(fn: (...args: never[]) => unknown, args: readonly unknown[] | undefined): void {
    try {
      runInTask(this, this.name, () => {
        const result = args === undefined ? fn() : fn(...(args as never[]));
        if (isThenable(result)) {
          // A native promise of our realm keeps its own `then`; anything
          // else (a subclass, a foreign thenable that may call back twice or
          // throw) is adopted by one first.
          const promise =
            result instanceof Promise && result.constructor === Promise
              ? result
              : Promise.resolve(result);
          // Shared handlers, not closures per task: a reaction registered
          // here runs in this task's context, so they find it as the current
          // task.
          promise.then(onBodyValue, onBodyError);
        } else {
          this.#bodyExited(true, result);
        }
      });
    } catch (error) {
      this.#bodyExited(false, error);
    }
  }

  /** Completes a task without a body (or one whose result comes from elsewhere). */
  protected complete(ok: boolean, value: unknown): boolean {
    const state = this.#life.state;
    if (state !== "running") return false;
    this.#bodyExited(ok, value, true);
    return true;
  }

  /** Whether the task settles with `Stopped` the moment it is stopped (queued jobs, manual tasks). */
  protected settlesOnStop(): boolean {
    return false;
  }

  /** Called once when the task is stopped, after its callbacks fired. */
  protected onStopRequested(): void {}

  /** Called once when the task has exited: body and children done, result delivered. */
  protected onExit(): void {}

  // ---- internals --------------------------------------------------------------

  /** The subtree under `root` as plain entries, children oldest first, built without recursion. */
  static #treeEntry(root: TaskBase<unknown>): TaskTreeEntry {
    const entryOf = (task: TaskBase<unknown>) => {
      const state = task.#life.state;
      return {
        task,
        state: state === "pending" || state === "unwinding" ? state : ("running" as const),
        createdAt: task.#createdAt,
        children: [] as TaskTreeEntry[],
      };
    };
    const top = entryOf(root);
    const work: [TaskBase<unknown>, TaskTreeEntry[]][] = [[root, top.children]];
    while (work.length > 0) {
      const [task, into] = work.pop() as [TaskBase<unknown>, TaskTreeEntry[]];
      for (let child = task.#firstChild; child !== undefined; child = child.#nextSibling) {
        const entry = entryOf(child);
        into.push(entry);
        work.push([child, entry.children]);
      }
      // Children are linked newest first.
      into.reverse();
    }
    return top;
  }

  #where(): string {
    return this.constructor.name;
  }

  /** The current task, if a stop of it must end a wait on this task. */
  #watchingCaller(): Task | undefined {
    const record = currentTaskRecord();
    if (record === undefined || record === this || isShielded()) return undefined;
    if (record instanceof TaskBase || isTask(record)) return record as Task;
    return undefined;
  }

  /**
   * The `Stopped` a wait by the stopped `caller` rejects with; an unfinished
   * task is stopped with the caller's reason, as the caller gives up on it.
   */
  #stoppedBy(caller: Task): Stopped {
    const reason = caller.stopReason;
    if (!this.isDone) {
      TaskBase.#stopTree(this, reason);
      holdExitFor(caller, this as TaskBase<unknown>);
    }
    return new Stopped(reason);
  }

  #sharedPromise(): Promise<T> {
    if (this.#deferred === undefined) {
      let resolve!: (value: T) => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.#deferred = { promise, resolve, reject };
    }
    return this.#deferred.promise;
  }

  #extras(): TaskExtras {
    if (this.#extra === undefined) this.#extra = {};
    return this.#extra;
  }

  #stoppedError(): Stopped {
    const extra = this.#extras();
    if (extra.stopError === undefined) extra.stopError = new Stopped(this.#stopReason);
    return extra.stopError;
  }

  /**
   * Stops `root` and every non-detached descendant not created inside a
   * shield, with a work list (no recursion). Two passes: first every task in the tree is marked stopped,
   * then each fires its callbacks, so a callback that stops another task of
   * the tree (a wait stopping the task it awaited) finds it already stopped
   * instead of recursing down the tree.
   */
  static #stopTree(root: TaskBase<unknown>, reason: unknown): void {
    if (root.#stopped) return;
    const work: TaskBase<unknown>[] = [root];
    const marked: TaskBase<unknown>[] = [];
    while (work.length > 0) {
      const task = work.pop() as TaskBase<unknown>;
      if (task.#stopped) continue;
      task.#stopped = true;
      task.#stopReason = reason;
      marked.push(task);
      // Children are listed newest first; the work list pops the oldest first.
      for (
        let child: TaskBase<unknown> | undefined = task.#firstChild;
        child;
        child = child.#nextSibling
      ) {
        if ((child.#flags & SHIELDED) === 0) work.push(child);
      }
    }
    for (const task of marked) task.#afterStop();
  }

  #afterStop(): void {
    const controller = this.#extra?.controller;
    if (controller !== undefined) {
      try {
        controller.abort(this.#stoppedError());
      } catch (error) {
        // An abort listener threw; the signal is aborted anyway.
        reportUncaught(error);
      }
    }
    const callbacks = this.#stopCallbacks;
    this.#stopCallbacks = undefined;
    fireCallbacks(callbacks);
    this.onStopRequested();
    const state = this.#life.state;
    if (state === "pending" || (state === "running" && this.settlesOnStop())) {
      this.#life = RUNNING;
      this.#settle(false, this.#stoppedError());
      this.#tryExit();
    }
  }

  #bodyExited(ok: boolean, value: unknown, noBody = false): void {
    if (!noBody) this.#bodyLive = false;
    if (this.#life.state === "running") {
      if (this.#firstChild === undefined) {
        this.#settle(ok, value);
        this.#tryExit();
        return;
      }
      this.#life = { state: "unwinding", ok, value };
    } else if (this.#firstChild === undefined) {
      // Settled early (stopped job): only the exit was waiting for the body.
      this.#tryExit();
      return;
    }
    // The body is gone: stop what it left running and wait for it to exit.
    const reason = this.#stopped ? this.#stopReason : undefined;
    const children: TaskBase<unknown>[] = [];
    for (
      let child: TaskBase<unknown> | undefined = this.#firstChild;
      child;
      child = child.#nextSibling
    ) {
      children.push(child);
    }
    for (const child of children) TaskBase.#stopTree(child, reason);
  }

  #settle(ok: boolean, value: unknown): void {
    this.#life = ok ? { state: "done", value: value as T } : { state: "failed", error: value };
    const deferred = this.#deferred;
    if (deferred !== undefined) {
      if (ok) deferred.resolve(value as T);
      else deferred.reject(value);
    }
    const waiters = this.#waiters;
    if (waiters !== undefined) {
      this.#waiters = undefined;
      if (waiters instanceof Set) for (const waiter of waiters) waiter.settle(ok, value);
      else waiters.settle(ok, value);
    }
    const callbacks = this.#finishCallbacks;
    if (callbacks !== undefined) {
      this.#finishCallbacks = undefined;
      const result = (ok ? value : undefined) as never;
      const error = ok ? undefined : value;
      if (typeof callbacks === "function") callReported(() => callbacks(result, error));
      else for (const fn of callbacks) callReported(() => fn(result, error));
    }
    const template = this.#extra?.raiseTemplate;
    if (!ok && template !== undefined && !isStopOnly(value)) {
      reportUncaught(raiseErrorsReport(template, this.name, value));
    }
  }

  /**
   * Whether `from`'s exit waits, through children and held tasks, for `on`:
   * walks up from `on` through parents and holders, which are few.
   */
  static #exitWaitsFor(from: TaskBase<unknown>, on: TaskBase<unknown>): boolean {
    const work: TaskBase<unknown>[] = [on];
    const seen = new Set<TaskBase<unknown>>();
    for (let task = work.pop(); task !== undefined; task = work.pop()) {
      if (task === from) return true;
      if (seen.has(task)) continue;
      seen.add(task);
      if (task.#parent !== undefined) work.push(task.#parent);
      const heldBy = task.#extra?.heldBy;
      if (heldBy !== undefined) for (const holder of heldBy) work.push(holder);
    }
    return false;
  }

  /** Exits this task if it can, then each ancestor that was only waiting for it: a loop, not recursion. */
  #tryExit(): void {
    let task: TaskBase<unknown> | undefined = this as TaskBase<unknown>;
    let released: TaskBase<unknown>[] | undefined;
    while (task !== undefined) {
      const state = task.#life.state;
      if (task.#exited || task.#bodyLive || task.#firstChild !== undefined) break;
      if (task.#extra?.holding !== undefined && task.#extra.holding.size > 0) break;
      if (state === "unwinding") {
        const life = task.#life as { ok: boolean; value: unknown };
        task.#settle(life.ok, life.value);
      } else if (state !== "done" && state !== "failed") {
        break;
      }
      task.#exited = true;
      // A task that exited keeps no callbacks it could never fire.
      task.#stopCallbacks = undefined;
      const extra = task.#extra;
      if (extra?.exitResolve !== undefined) {
        extra.exitResolve();
        extra.exitResolve = undefined;
      }
      const heldBy = extra?.heldBy;
      if (heldBy !== undefined) {
        (extra as TaskExtras).heldBy = undefined;
        if (released === undefined) released = [];
        for (const holder of heldBy) {
          holder.#extra?.holding?.delete(task);
          released.push(holder);
        }
      }
      try {
        task.onExit();
      } catch (error) {
        reportUncaught(error);
      }
      task = task.#leaveParent();
    }
    // Holders released by an exit above may exit now; holds chain rarely.
    if (released !== undefined) for (const holder of released) holder.#tryExit();
  }

  /**
   * Unlinks this task from its parent; returns the parent if it is a built-in
   * task that might now be able to exit.
   */
  #leaveParent(): TaskBase<unknown> | undefined {
    if ((this.#flags & ROOT) !== 0) {
      this.#flags &= ~ROOT;
      const prev = this.#prevSibling;
      const next = this.#nextSibling;
      if (prev === undefined) TaskBase.#firstRoot = next;
      else prev.#nextSibling = next;
      if (next !== undefined) next.#prevSibling = prev;
      this.#prevSibling = undefined;
      this.#nextSibling = undefined;
    }
    const custom = this.#extra?.customParent;
    if (custom !== undefined) {
      (this.#extra as TaskExtras).customParent = undefined;
      custom.task.removeStopCallback(custom.onStop);
      return undefined;
    }
    const parent = this.#parent;
    if (parent === undefined) return undefined;
    const prev = this.#prevSibling;
    const next = this.#nextSibling;
    if (prev === undefined) parent.#firstChild = next;
    else prev.#nextSibling = next;
    if (next !== undefined) next.#prevSibling = prev;
    this.#parent = undefined;
    this.#prevSibling = undefined;
    this.#nextSibling = undefined;
    return parent.#firstChild === undefined ? parent : undefined;
  }
}

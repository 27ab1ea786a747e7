import { checkOptions, readStringOption } from "@gentletask/semantic-stack/argument-errors";
import { type AsyncTask, type FinishCallback, Stopped, spawn, type Task } from "@gentletask/tasks";
import {
  forgetFinishCallback,
  isStopOnly,
  startWatching,
  stopWatching,
} from "@gentletask/tasks/internal";
import { withLateFailures } from "./stop-only.js";
import { type CheckedWork, childName, readWork } from "./work.js";

/** How a group ends: with a value, or with an error. */
export type Decision =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

/** How one combinator turns its children's outcomes into its own. */
export interface GroupRule {
  /** A child finished before the group decided; returns the group's outcome once it is decided. */
  childFinished(index: number, ok: boolean, value: unknown): Decision | undefined;
  /**
   * Every child finished and no decision was made on the way. A rule whose
   * `childFinished` always decides (`race`, which refuses empty work) has none.
   */
  readonly allFinished?: () => Decision;
  /** The reason the children still running are stopped with, once the group has decided. */
  readonly stopReason: string;
}

/**
 * Options every combinator takes.
 *
 * @example
 * ```ts
 * const options: CombinatorOptions = { name: "warm-caches" };
 * // The combinator's task is "warm-caches" on the throughline and in taskTree().
 * await all([async () => "users", async () => "orders"], options);
 * ```
 */
export interface CombinatorOptions {
  /** The combinator task's name on the throughline and in `taskTree()`; default the function's name. */
  name?: string;
}

function noop(): void {}

/**
 * Starts a combinator: a task named `options.name` (default `where`), a
 * child of the current task, whose children are the functions of `work`;
 * the tasks of `work` are watched from this moment on. `makeRule` gets the
 * number of items and the name.
 */
export function startGroup<R>(
  where: string,
  work: unknown,
  options: unknown,
  makeRule: (count: number, name: string) => GroupRule,
  check?: (items: readonly CheckedWork[]) => void,
): AsyncTask<R, []> {
  const checked = checkOptions(where, options, ["name"]);
  const name = readStringOption(where, checked, "name") ?? where;
  const items = readWork(where, work);
  check?.(items);
  const group = new TaskGroup(items, name, makeRule(items.length, name));
  const task = spawn(group.body, { name }) as AsyncTask<R, []>;
  group.watch(task);
  return task;
}

/**
 * The shared machinery of `all`, `allSettled`, `race` and `any`. Every
 * piece's outcome is observed (a finish callback on each), so no child's
 * failure goes unobserved up the tree; the rule decides the group's own
 * outcome. Once decided (or stopped), the group stops only the children it
 * made from functions, and settles only after they have finished (built-in
 * tasks: once their `stop()` promise says they have exited). A task it was
 * given already made is only watched: it is often shared (one fetch awaited
 * by many requests), so one group's end must not stop it for the others; the
 * group simply stops watching it. A child that fails with something other
 * than a `Stopped` after the decision (its cleanup threw) is a failure of
 * the group too.
 */
class TaskGroup {
  readonly #items: readonly CheckedWork[];
  readonly #name: string;
  readonly #rule: GroupRule;
  readonly #tasks: (Task | undefined)[];
  #left: number;
  /** The indexes of the given tasks the group's wait is recorded on, for the cycle checks. */
  #watching: Set<number> | undefined = undefined;
  #self: Task | undefined = undefined;
  #decision: Decision | undefined = undefined;
  #lateFailures: unknown[] | undefined = undefined;
  #final: Decision | undefined = undefined;
  #deliver: ((outcome: Decision) => void) | undefined = undefined;
  /** The finish callbacks on tasks it was given, to take back when it decides. */
  #givenCallbacks: Map<number, (result: unknown, error: unknown) => void> | undefined = undefined;
  readonly #onStop = () => {
    const reason = (this.#self as Task).stopReason;
    this.#decide({ ok: false, error: new Stopped(reason) }, reason);
  };

  constructor(items: readonly CheckedWork[], name: string, rule: GroupRule) {
    this.#items = items;
    this.#name = name;
    this.#rule = rule;
    this.#tasks = items.map((item) => item.task);
    this.#left = items.length;
  }

  /** Called right after the group's task is created, in the caller's context. */
  watch(self: Task): void {
    this.#self = self;
    // Fires at once if the caller was already stopped (so is the group).
    self.addStopCallback(this.#onStop);
    if (this.#decision !== undefined) return;
    // Watching a given task is a wait like any other: one that could never
    // end (the caller itself, an ancestor, or a cycle) fails the group now.
    for (let index = 0; index < this.#items.length; index++) {
      const task = (this.#items[index] as CheckedWork).task;
      const cycle = task === undefined ? undefined : this.#startWatching(task, index);
      if (cycle !== undefined) {
        this.#decide({ ok: false, error: cycle }, undefined);
        return;
      }
    }
    this.#items.forEach((item, index) => {
      if (item.task !== undefined) this.#observe(item.task, index);
    });
    if (this.#items.length === 0) this.#allFinished();
  }

  /** Records the group's wait on a given task; the cycle's `Error` if that wait could never end. */
  #startWatching(task: Task, index: number): Error | undefined {
    if (task.isDone) return undefined;
    const cycle = startWatching(this.#self as Task, task);
    if (cycle !== undefined) {
      this.#stopWatchingAll();
      return cycle;
    }
    if (this.#watching === undefined) this.#watching = new Set();
    this.#watching.add(index);
    return undefined;
  }

  /** Forgets the group's wait on the given task at `index`, if recorded. */
  #stopWatching(index: number): void {
    if (this.#watching?.delete(index) !== true) return;
    stopWatching(this.#self as Task, this.#tasks[index] as Task);
  }

  /** Forgets the group's waits on the given tasks still running (it no longer waits for them). */
  #stopWatchingAll(): void {
    const watching = this.#watching;
    if (watching === undefined) return;
    this.#watching = undefined;
    for (const index of watching) stopWatching(this.#self as Task, this.#tasks[index] as Task);
  }

  /** The group task's body: starts the function children, then waits for the outcome. */
  readonly body = (): Promise<unknown> => {
    this.#items.forEach((item, index) => {
      if (item.fn === undefined || this.#decision !== undefined) return;
      const child = spawn(item.fn, { name: childName(item.fn, this.#name, index) });
      this.#tasks[index] = child;
      this.#observe(child, index);
    });
    return new Promise((resolve, reject) => {
      this.#deliver = (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error));
      if (this.#final !== undefined) this.#deliver(this.#final);
    });
  };

  #observe(task: Task, index: number): void {
    const onFinish = (result: unknown, error: unknown): void => {
      // A finish callback cannot tell a task that failed with `undefined`
      // from one that returned it; such a task counts as succeeding.
      const ok = error === undefined;
      this.#stopWatching(index);
      if (this.#decision !== undefined) {
        // A given task is no longer watched once the group has decided.
        if ((this.#items[index] as CheckedWork).fn === undefined) return;
        if (!ok && !isStopOnly(error)) this.#lateFailure(error);
        return;
      }
      this.#left -= 1;
      const decision = this.#rule.childFinished(index, ok, ok ? result : error);
      if (decision !== undefined) this.#decide(decision, this.#rule.stopReason);
      else if (this.#left === 0) this.#allFinished();
    };
    if ((this.#items[index] as CheckedWork).fn === undefined) {
      if (this.#givenCallbacks === undefined) this.#givenCallbacks = new Map();
      this.#givenCallbacks.set(index, onFinish);
    }
    task.addFinishCallback(onFinish);
  }

  #allFinished(): void {
    const decide = this.#rule.allFinished;
    if (decide !== undefined) this.#decide(decide(), undefined);
  }

  /**
   * A task it was given and no longer watches is not the group's to observe:
   * its later failure goes up its own tree, as if the group had never seen it.
   */
  #letGoOfGivenTasks(): void {
    const callbacks = this.#givenCallbacks;
    if (callbacks === undefined) return;
    this.#givenCallbacks = undefined;
    for (const [index, onFinish] of callbacks) {
      forgetFinishCallback(this.#tasks[index] as Task, onFinish as FinishCallback<never>);
    }
  }

  #lateFailure(error: unknown): void {
    if (this.#lateFailures === undefined) this.#lateFailures = [];
    this.#lateFailures.push(error);
  }

  #decide(decision: Decision, reason: unknown): void {
    if (this.#decision !== undefined) return;
    this.#decision = decision;
    this.#self?.removeStopCallback(this.#onStop);
    this.#stopWatchingAll();
    this.#letGoOfGivenTasks();
    const exits: PromiseLike<unknown>[] = [];
    for (let index = 0; index < this.#tasks.length; index++) {
      // Only the children it made are the group's to stop.
      if ((this.#items[index] as CheckedWork).fn === undefined) continue;
      const task = this.#tasks[index];
      if (task === undefined || (task.isDone && !task.isStopped)) continue;
      let stopped: unknown;
      try {
        stopped = task.stop(reason);
      } catch (error) {
        // A custom task whose stop throws has failed to stop cleanly.
        this.#lateFailure(error);
      }
      const exit = exitOf(task, stopped);
      if (exit !== undefined) exits.push(exit);
    }
    if (exits.length === 0) this.#finish();
    else Promise.allSettled(exits).then(() => this.#finish());
  }

  #finish(): void {
    const decision = this.#decision as Decision;
    const late = this.#lateFailures;
    const final: Decision =
      late === undefined
        ? decision
        : { ok: false, error: withLateFailures(this.#name, decision, late) };
    this.#final = final;
    this.#deliver?.(final);
  }
}

/**
 * What says `task` has finished after `stop()` returned `stopped`: a
 * built-in task's `stop()` promise resolves once its body and children have
 * exited; for a custom task whose `stop` returns nothing, its finish.
 * `undefined` when there is nothing to wait for.
 */
function exitOf(task: Task, stopped: unknown): PromiseLike<unknown> | undefined {
  if (
    typeof stopped === "object" &&
    stopped !== null &&
    typeof (stopped as PromiseLike<unknown>).then === "function"
  ) {
    const exit = Promise.resolve(stopped as PromiseLike<unknown>);
    exit.then(undefined, noop);
    return exit;
  }
  if (task.isDone) return undefined;
  return new Promise<void>((resolve) => task.addFinishCallback(() => resolve()));
}

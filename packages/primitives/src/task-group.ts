import { checkOptions, readStringOption } from "@gentletask/semantic-stack/argument-errors";
import { type AsyncTask, Stopped, spawn, type Task } from "@gentletask/tasks";
import { isStopOnly } from "@gentletask/tasks/internal";
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
  /** Every child finished and no decision was made on the way. */
  allFinished(): Decision;
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
 * child's outcome is observed (a finish callback on each), so no child's
 * failure goes unobserved up the tree; the rule decides the group's own
 * outcome. Once decided, every child still running is stopped, and the
 * group settles only after all of them have finished (built-in tasks: once
 * their `stop()` promise says they have exited). A child that fails with
 * something other than a `Stopped` after the decision (its cleanup threw)
 * is a failure of the group too.
 */
class TaskGroup {
  readonly #items: readonly CheckedWork[];
  readonly #name: string;
  readonly #rule: GroupRule;
  readonly #tasks: (Task | undefined)[];
  #left: number;
  #self: Task | undefined = undefined;
  #decision: Decision | undefined = undefined;
  #lateFailures: unknown[] | undefined = undefined;
  #final: Decision | undefined = undefined;
  #deliver: ((outcome: Decision) => void) | undefined = undefined;
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
    this.#items.forEach((item, index) => {
      if (item.task !== undefined) this.#observe(item.task, index);
    });
    if (this.#items.length === 0) this.#decide(this.#rule.allFinished(), undefined);
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
    task.addFinishCallback((result, error) => {
      // A finish callback cannot tell a task that failed with `undefined`
      // from one that returned it; such a task counts as succeeding.
      const ok = error === undefined;
      if (this.#decision !== undefined) {
        if (!ok && !isStopOnly(error)) this.#lateFailure(error);
        return;
      }
      this.#left -= 1;
      const decision = this.#rule.childFinished(index, ok, ok ? result : error);
      if (decision !== undefined) this.#decide(decision, this.#rule.stopReason);
      else if (this.#left === 0) this.#decide(this.#rule.allFinished(), undefined);
    });
  }

  #lateFailure(error: unknown): void {
    if (this.#lateFailures === undefined) this.#lateFailures = [];
    this.#lateFailures.push(error);
  }

  #decide(decision: Decision, reason: unknown): void {
    if (this.#decision !== undefined) return;
    this.#decision = decision;
    this.#self?.removeStopCallback(this.#onStop);
    const exits: PromiseLike<unknown>[] = [];
    for (const task of this.#tasks) {
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

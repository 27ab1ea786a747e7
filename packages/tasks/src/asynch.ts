import { checkFunction } from "@gentletask/semantic-stack/argument-errors";
import { AsyncTask } from "./async-task.js";
import { isTask, type Task } from "./task.js";
import { checkTaskOptions, type TaskOptions, taskName } from "./task-options.js";

/** Where a launcher made by `asynch` keeps the function it launches, for `synch`. */
const LAUNCHED = Symbol("asynch: launched function");

/**
 * A function made by {@link asynch}: each call starts the wrapped function in a new task.
 *
 * @example
 * ```ts
 * import { asynch, type Launcher } from "@gentletask/tasks";
 *
 * const double: Launcher<number, [number]> = asynch((x: number) => x * 2);
 * console.log(await double(4)); // 8
 * ```
 */
export type Launcher<T, A extends unknown[]> = (...args: A) => AsyncTask<T, A>;

/**
 * Returns a launcher: each call starts `fn` with the call's arguments (and
 * `this`) in a new {@link AsyncTask} with these options, and returns the
 * task. `options.args` is not accepted: the call supplies them.
 *
 * @throws TypeError / RangeError for a wrong `fn` or option.
 * @example
 * ```ts
 * import { asynch } from "@gentletask/tasks";
 *
 * const add = asynch((x: number, y: number) => x + y, { name: "async-add" });
 * console.log(await add(10, 20)); // 30
 * ```
 */
export function asynch<T, A extends unknown[]>(
  fn: (...args: A) => T | PromiseLike<T>,
  options?: Omit<TaskOptions<T, A>, "args">,
): Launcher<T, A> {
  checkFunction("asynch", "fn", fn);
  const checked = checkTaskOptions("asynch", options as TaskOptions<T, A> | undefined);
  const name = taskName(checked?.name, fn);
  const launcher = function (this: unknown, ...args: A): AsyncTask<T, A> {
    if (this === undefined) return new AsyncTask(fn, { ...checked, name, args });
    return new AsyncTask((...callArgs: A) => fn.apply(this, callArgs), { ...checked, name, args });
  };
  Object.defineProperty(launcher, LAUNCHED, { value: fn });
  Object.defineProperty(launcher, "name", { value: name });
  return launcher;
}

/**
 * What `synch` resolves with for a function returning `R`: a task's result, or the awaited value.
 *
 * @example
 * ```ts
 * import type { AsyncTask, SynchResult } from "@gentletask/tasks";
 *
 * const value: SynchResult<AsyncTask<number>> = 42; // a task gives its result type
 * ```
 */
export type SynchResult<R> =
  R extends Task<infer U> ? Awaited<U> : Awaited<R> extends Task<infer V> ? Awaited<V> : Awaited<R>;

/**
 * Returns an async function that gives a concrete value, whichever way `fn`
 * runs: a launcher made by {@link asynch} is unwrapped so the function runs
 * inline, in the caller's context, with no task; a returned task (or a
 * promise of one) is waited on and its result given; a plain function
 * passes through. `this` is kept, so it works for methods.
 *
 * @throws TypeError if `fn` is not a function.
 * @example
 * ```ts
 * import { asynch, synch } from "@gentletask/tasks";
 *
 * const job = asynch((x: number) => x * 10);
 * console.log(await synch(job)(5)); // 50, run inline
 * ```
 */
export function synch<F extends (...args: never[]) => unknown>(
  fn: F,
): (this: ThisParameterType<F>, ...args: Parameters<F>) => Promise<SynchResult<ReturnType<F>>> {
  checkFunction("synch", "fn", fn);
  const inner = ((fn as { [LAUNCHED]?: F })[LAUNCHED] ?? fn) as F;
  return async function (this: ThisParameterType<F>, ...args: Parameters<F>) {
    const returned = (inner as unknown as (...args: unknown[]) => unknown).apply(this, args);
    if (isTask(returned)) return (await returned.wait()) as SynchResult<ReturnType<F>>;
    const value = await returned;
    if (isTask(value)) return (await value.wait()) as SynchResult<ReturnType<F>>;
    return value as SynchResult<ReturnType<F>>;
  };
}

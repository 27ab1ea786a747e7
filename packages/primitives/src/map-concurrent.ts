import {
  checkOptions,
  isThenable,
  readGuarded,
  readStringOption,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { type AsyncTask, spawn, type Task } from "@gentletask/tasks";
import { isStopOnly } from "@gentletask/tasks/internal";
import { checkConcurrency } from "./check-concurrency.js";
import { withLateFailures } from "./stop-only.js";
import { stoppable } from "./stoppable.js";

/**
 * Options for {@link mapConcurrent}.
 *
 * @example
 * ```ts
 * const options: MapConcurrentOptions = { name: "resize-images" };
 * const doubled = await mapConcurrent([1, 2, 3], 2, async (n) => n * 2, options);
 * ```
 */
export interface MapConcurrentOptions {
  /** The task's name on the throughline and in `taskTree()`; default `"mapConcurrent"`. */
  name?: string;
}

function noop(): void {}

type Step<I> = IteratorResult<I> | Promise<IteratorResult<I>>;

/** Opens `items` as an iterator: async iterables first, as `for await` does. */
function openItems<I>(items: Iterable<I> | AsyncIterable<I>): { next(): Step<I>; close(): void } {
  const asyncOpen = (items as AsyncIterable<I>)[Symbol.asyncIterator];
  const iterator =
    typeof asyncOpen === "function"
      ? asyncOpen.call(items)
      : (items as Iterable<I>)[Symbol.iterator]();
  return {
    next: () => iterator.next() as Step<I>,
    close: () => {
      const closed = iterator.return?.();
      if (isThenable(closed)) Promise.resolve(closed).then(undefined, noop);
    },
  };
}

/**
 * Maps `items` through `fn` with at most `concurrency` calls running at
 * once, and resolves with the results in input order: p-map with
 * structure. Each `fn(item, index)` runs as a child task of the returned
 * task (named after `fn`, else `<name>[<index>]`), in the caller's context.
 *
 * - `items` may be a sync or an async iterable; an item is read only when
 *   a slot is free, so a long or endless source is never read ahead.
 * - It fails fast, like `all`: the first failure (or an error from the
 *   iterable) stops the calls still running (reason `"<name>: another task
 *   failed"`), reads no more items, and rejects once they have finished. A
 *   call whose cleanup then throws joins the first failure in an
 *   `AggregateError`.
 * - Stopping the returned task (or its caller) stops the running calls and
 *   reads no more; it rejects with `Stopped` once they have finished. The
 *   iterator is closed (`return()`) whenever reading ends early.
 *
 * @throws TypeError if `items` is not iterable, `fn` not a function, or
 *   `options` wrong; RangeError if `concurrency` is not a positive integer
 *   or `Infinity`. Nothing is started.
 * @example
 * ```ts
 * import { stat } from "node:fs/promises";
 *
 * const files = ["package.json", "README.md"];
 * const sizes = await mapConcurrent(files, 8, async (file) => (await stat(file)).size);
 * ```
 */
export function mapConcurrent<I, O>(
  items: Iterable<I> | AsyncIterable<I>,
  concurrency: number,
  fn: (item: I, index: number) => O | PromiseLike<O>,
  options?: MapConcurrentOptions,
): Task<Awaited<O>[]> & PromiseLike<Awaited<O>[]> {
  const where = "mapConcurrent";
  const iterable = readGuarded(
    where,
    "items",
    () =>
      typeof items === "object" &&
      items !== null &&
      (typeof (items as AsyncIterable<I>)[Symbol.asyncIterator] === "function" ||
        typeof (items as Iterable<I>)[Symbol.iterator] === "function"),
  );
  if (!iterable) typeError(where, "items", "an iterable or async iterable", items);
  checkConcurrency(where, concurrency);
  if (typeof fn !== "function") typeError(where, "fn", "a function", fn);
  const checked = checkOptions(where, options, ["name"]);
  const name = readStringOption(where, checked, "name") ?? where;
  const run = new MapRun<I, O>(items, concurrency, fn, name);
  return spawn(run.body, { name }) as AsyncTask<Awaited<O>[], []>;
}

/** One `mapConcurrent`: reads items as slots free up and collects results by index. */
class MapRun<I, O> {
  readonly #items: Iterable<I> | AsyncIterable<I>;
  readonly #concurrency: number;
  readonly #fn: (item: I, index: number) => O | PromiseLike<O>;
  readonly #name: string;
  readonly #results: Awaited<O>[] = [];
  readonly #running = new Set<Task>();
  #failure: { error: unknown } | undefined = undefined;
  #late: unknown[] | undefined = undefined;
  /** Wakes the body when a call finishes. */
  #wake: (() => void) | undefined = undefined;

  constructor(
    items: Iterable<I> | AsyncIterable<I>,
    concurrency: number,
    fn: (item: I, index: number) => O | PromiseLike<O>,
    name: string,
  ) {
    this.#items = items;
    this.#concurrency = concurrency;
    this.#fn = fn;
    this.#name = name;
  }

  readonly body = async (): Promise<Awaited<O>[]> => {
    const source = openItems(this.#items);
    let exhausted = false;
    try {
      for (let index = 0; ; index++) {
        while (this.#running.size >= this.#concurrency && this.#failure === undefined) {
          await this.#callFinished();
        }
        if (this.#failure !== undefined) break;
        const step = source.next();
        const next = isThenable(step) ? await stoppable(step) : step;
        if (next.done === true) {
          exhausted = true;
          break;
        }
        this.#start(next.value, index);
      }
      while (this.#running.size > 0 && this.#failure === undefined) await this.#callFinished();
    } catch (error) {
      // The iterable threw, or this task was stopped while waiting.
      this.#fail(error);
    } finally {
      if (!exhausted) {
        try {
          source.close();
        } catch {
          // A throwing `return()` must not hide why reading stopped.
        }
      }
    }
    const failure = this.#failure;
    if (failure === undefined) return this.#results;
    await Promise.allSettled([...this.#running].map((task) => task.stop()));
    const late = this.#late;
    throw late === undefined
      ? failure.error
      : withLateFailures(this.#name, { ok: false, error: failure.error }, late);
  };

  #start(item: I, index: number): void {
    const own = this.#fn.name;
    const child = spawn(this.#fn, {
      name: typeof own === "string" && own !== "" ? own : `${this.#name}[${index}]`,
      args: [item, index],
    });
    this.#running.add(child);
    child.addFinishCallback((result, error) => {
      this.#running.delete(child);
      if (error === undefined) this.#results[index] = result as Awaited<O>;
      else if (this.#failure === undefined) this.#fail(error);
      else if (!isStopOnly(error)) {
        if (this.#late === undefined) this.#late = [];
        this.#late.push(error);
      }
      this.#wake?.();
    });
  }

  /** Records the first failure and stops every call still running. */
  #fail(error: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure = { error };
    const reason = `${this.#name}: another task failed`;
    for (const task of this.#running) task.stop(reason);
  }

  /** Waits (stop-aware) until a running call finishes. */
  #callFinished(): Promise<void> {
    return stoppable(
      new Promise<void>((resolve) => {
        this.#wake = resolve;
      }),
    );
  }
}

import { AsyncResource } from "node:async_hooks";
import {
  checkOptions,
  readStringOption,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { type AsyncTask, spawn, type Task } from "@gentletask/tasks";
import { functionName, WaitLink, WaitList } from "@gentletask/tasks/internal";
import { checkConcurrency } from "./check-concurrency.js";

/**
 * Options for {@link limit}.
 *
 * @example
 * ```ts
 * const options: LimitOptions = { name: "download" };
 * const limiter = limit(2, options);
 * await limiter(async () => "done"); // runs as "download" on the throughline
 * ```
 */
export interface LimitOptions {
  /** The name each call of an anonymous function gets on the throughline; default `"limit"`. */
  name?: string;
}

/**
 * A function that runs the work given to it with bounded concurrency, as
 * p-limit's limiter does, and returns each call as a task.
 *
 * @example
 * ```ts
 * const limiter: Limiter = limit(2);
 * const squares = await Promise.all([1, 2, 3].map((n) => limiter(async (x: number) => x * x, n)));
 * console.log(squares, limiter.activeCount, limiter.pendingCount); // [1, 4, 9] 0 0
 * ```
 */
export interface Limiter {
  /**
   * Runs `fn(...args)` as a child task of the current task (a root task
   * outside any), in the caller's whole async context, once fewer than
   * `concurrency` calls are running; calls start in submission order.
   * Returns the call's task at once: `await` it for the result.
   *
   * @throws TypeError if `fn` is not a function; nothing is queued.
   */
  <T, A extends unknown[]>(
    fn: (...args: A) => T | PromiseLike<T>,
    ...args: A
  ): Task<Awaited<T>> & PromiseLike<Awaited<T>>;
  /** How many calls are running now (started and not yet finished). */
  readonly activeCount: number;
  /** How many calls wait in the queue. */
  readonly pendingCount: number;
  /**
   * How many calls may run at once (a positive integer, or `Infinity`).
   * Raising it starts queued calls at once; lowering it lets the running
   * ones finish.
   *
   * @throws TypeError / RangeError when set to anything else; nothing changes.
   */
  concurrency: number;
  /**
   * Stops every queued call with `reason`: each settles with `Stopped` at
   * once and never runs. Running calls go on.
   */
  clearQueue(reason?: unknown): void;
}

const QUEUED = 0;
/** Given a slot; its body has not begun (a stop now means it never will). */
const STARTING = 1;
const RUNNING = 2;
const FINISHED = 3;

function startCall(call: LimitedCall): void {
  call.task.start();
}

/** One call of a limiter, from submission until its body has finished. */
class LimitedCall extends WaitLink {
  state = QUEUED;
  task!: AsyncTask<unknown, []>;
  #fn: ((...args: unknown[]) => unknown) | undefined;
  #args: unknown[] | undefined;
  /** The caller's async context a queued call starts in; see {@link LimitedCall.queue}. */
  #context: AsyncResource | undefined = undefined;
  readonly #pool: Pool;

  constructor(pool: Pool, fn: (...args: unknown[]) => unknown, args: unknown[]) {
    super();
    this.#pool = pool;
    this.#fn = fn;
    this.#args = args;
  }

  /**
   * Remembers the caller's whole async context (every `AsyncLocalStorage`)
   * for a call that could not start at once, so its body starts there and
   * not in the context of whoever frees the slot. An `AsyncResource` is the
   * lightest holder of a context: a pending promise and its reaction, the
   * other way, cost several times more on Node 20 and 24.
   */
  queue(): void {
    this.#context = new AsyncResource("gentletask.limit");
  }

  /** Gives a queued call its slot and starts it (its body runs on a later microtask). */
  open(): void {
    this.state = STARTING;
    const context = this.#context;
    this.#context = undefined;
    context?.runInAsyncScope(startCall, undefined, this);
  }

  /** The task's body: runs the work and frees the slot when it is done. */
  readonly body = async (): Promise<unknown> => {
    this.state = RUNNING;
    const fn = this.#fn as (...args: unknown[]) => unknown;
    const args = this.#args as unknown[];
    this.#fn = undefined;
    this.#args = undefined;
    try {
      return await fn(...args);
    } finally {
      this.finished();
    }
  };

  /** The task was stopped: a queued call leaves the queue, one that never began frees its slot. */
  readonly stopped = (): void => {
    if (this.state === QUEUED) {
      this.leaveList();
      this.state = FINISHED;
      this.#fn = undefined;
      this.#args = undefined;
      this.#context = undefined;
    } else if (this.state === STARTING) {
      this.finished();
    }
  };

  finished(): void {
    if (this.state === FINISHED) return;
    this.state = FINISHED;
    this.#pool.release();
  }
}

/** The limiter's state: the slots in use and the queue of calls waiting for one. */
class Pool {
  active = 0;
  concurrency: number;
  readonly queue = new WaitList<LimitedCall>();

  constructor(concurrency: number) {
    this.concurrency = concurrency;
  }

  release(): void {
    this.active -= 1;
    this.fill();
  }

  /** Starts queued calls, oldest first, while there is room. */
  fill(): void {
    while (this.active < this.concurrency) {
      const call = this.queue.shift();
      if (call === undefined) return;
      this.active += 1;
      call.open();
    }
  }
}

/**
 * Makes a {@link Limiter}: p-limit's shape, with tasks. `limiter(fn, ...args)`
 * runs at most `concurrency` calls at once, in submission order, and returns
 * each call's task at once.
 *
 * - Each call is a child task of its caller (a root task outside any task),
 *   named after `fn` (else `options.name`, default `"limit"`), and runs in
 *   the caller's whole async context: its throughline with the call's own
 *   name on top, and every other `AsyncLocalStorage`, never the context of
 *   the call that freed its slot.
 * - A queued call whose caller is stopped (the stop cascades to it) or
 *   whose own task is stopped leaves the queue at once and settles with
 *   `Stopped`, without running. A running call that is stopped sees it at
 *   its stop-aware waits and through its signal, as any task does; its slot
 *   is freed once its body has finished.
 * - A call's failure is its task's failure: it reaches whoever awaits the
 *   call, and the limiter does not observe it.
 *
 * @param concurrency - how many calls may run at once: a positive integer,
 *   or `Infinity` for no limit.
 * @throws TypeError if `concurrency` is not a number or `options` is wrong;
 *   RangeError if `concurrency` is not a positive integer or `Infinity`.
 * @example
 * ```ts
 * const urls = ["https://example.com/a", "https://example.com/b"];
 * // The signal aborts the request when the call's task is stopped.
 * const fetchPage = async (url: string) =>
 *   (await fetch(url, { signal: currentSignal() })).text();
 * const limiter = limit(4);
 * const pages = await Promise.all(urls.map((url) => limiter(fetchPage, url)));
 * ```
 */
export function limit(concurrency: number, options?: LimitOptions): Limiter {
  const pool = new Pool(checkConcurrency("limit", concurrency));
  const checked = checkOptions("limit", options, ["name"]);
  const name = readStringOption("limit", checked, "name") ?? "limit";
  let lastFn: unknown;
  let lastName = name;

  const limiter = <T, A extends unknown[]>(
    fn: (...args: A) => T | PromiseLike<T>,
    ...args: A
  ): Task<Awaited<T>> & PromiseLike<Awaited<T>> => {
    if (typeof fn !== "function") typeError("limit", "fn", "a function", fn);
    // Reading a function's `name` is a getter call (guarded: a revoked
    // Proxy throws); a limiter is mostly called with one function over and over.
    if (fn !== lastFn) {
      lastName = functionName(fn, name);
      lastFn = fn;
    }
    const call = new LimitedCall(pool, fn as (...args: unknown[]) => unknown, args);
    const startNow = pool.active < pool.concurrency && pool.queue.size === 0;
    const task = spawn(call.body, {
      name: lastName,
      start: startNow,
    });
    call.task = task;
    // Created in a stopped caller, the call is already done and never runs.
    if (task.isDone) {
      call.state = FINISHED;
      return task as unknown as Task<Awaited<T>> & PromiseLike<Awaited<T>>;
    }
    if (startNow) {
      pool.active += 1;
      call.state = STARTING;
    } else {
      call.queue();
      pool.queue.push(call);
    }
    task.addStopCallback(call.stopped);
    return task as unknown as Task<Awaited<T>> & PromiseLike<Awaited<T>>;
  };

  return Object.defineProperties(limiter, {
    activeCount: { get: () => pool.active, enumerable: true },
    pendingCount: { get: () => pool.queue.size, enumerable: true },
    concurrency: {
      get: () => pool.concurrency,
      set: (value: unknown) => {
        pool.concurrency = checkConcurrency("limit: setting concurrency", value);
        pool.fill();
      },
      enumerable: true,
    },
    clearQueue: {
      value: (reason?: unknown) => {
        const queued: LimitedCall[] = [];
        for (let call = pool.queue.shift(); call !== undefined; call = pool.queue.shift()) {
          queued.push(call);
        }
        for (const call of queued) call.task.stop(reason);
      },
    },
  }) as unknown as Limiter;
}

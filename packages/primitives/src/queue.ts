import { rangeError, typeError } from "@gentletask/semantic-stack/argument-errors";
import { Fifo, ParkedWait, WaitList } from "@gentletask/tasks/internal";
import { QueueEmpty, QueueFull, type QueueShutDown } from "./queue-errors.js";
import { endIfShutDown, toResult } from "./queue-iteration.js";
import { readImmediate, shutDownError } from "./queue-shutdown.js";
import { readTimeoutOption } from "./timeout-option.js";
import { stoppedError, watchedTask } from "./watched-task.js";

/** A `put` waiting for room, holding its item until then. */
class PendingPut<T> extends ParkedWait<void> {
  constructor(
    task: ConstructorParameters<typeof ParkedWait>[0],
    readonly item: T,
  ) {
    super(task);
  }
}

function noItemInTime<T>(wait: ParkedWait<T>): void {
  wait.fail(new QueueEmpty("Queue#get: no item arrived within the timeout"));
}

function noRoomInTime(wait: ParkedWait<void>): void {
  wait.fail(new QueueFull("Queue#put: no room opened within the timeout"));
}

/**
 * A first-in-first-out queue whose waits are stop-aware, the counterpart of
 * Python's `queue.Queue` for tasks.
 *
 * - `get` waits for an item and `put` (with a `maxsize`) for room; waiters
 *   are served in arrival order. Inside a task both reject with the task's
 *   `Stopped` the moment it is stopped, and at once if it already is.
 * - A waiter that gives up (timeout or stop) leaves no trace: it never takes
 *   an item, and a stopped or timed-out `put` never adds its item.
 * - `taskDone`/`join` count finished items, as in Python.
 * - `for await (const item of queue)` reads items until the task stops (the
 *   loop then throws the task's `Stopped`), or until the queue is shut down
 *   and empty (the loop then ends normally).
 * - `shutdown()` closes the queue as Python 3.13's does: `put`s throw
 *   {@link QueueShutDown}, `get`s drain what is left and then throw it.
 *
 * A waiting `get` resumes in its own async context, so each consumer keeps
 * its own throughline.
 *
 * @typeParam T - the items' type.
 * @example
 * ```ts
 * import { Queue } from "@gentletask/primitives";
 * import { spawn } from "@gentletask/tasks";
 *
 * const jobs = new Queue<string>(100);
 * const handled: string[] = [];
 * const consumer = spawn(async () => {
 *   for await (const job of jobs) {
 *     handled.push(job);
 *     jobs.taskDone();
 *   }
 * });
 * await jobs.put("first");
 * await jobs.join(); // every item put has been handled
 * console.log(handled); // ["first"]
 * await consumer.stop();
 * ```
 */
export class Queue<T> {
  /** The most items the queue holds before `put` waits; `0` means unbounded. */
  readonly maxsize: number;
  readonly #items = new Fifo<T>();
  readonly #getters = new WaitList<ParkedWait<T>>();
  readonly #putters = new WaitList<PendingPut<T>>();
  readonly #joiners = new WaitList<ParkedWait<void>>();
  #unfinished = 0;
  #shutDown = false;

  /**
   * Creates an empty queue.
   *
   * @param maxsize - the most items held before `put` waits for room; `0`
   *   (the default) means unbounded.
   * @throws TypeError if `maxsize` is not a number.
   * @throws RangeError if `maxsize` is negative, not an integer, or not finite.
   */
  constructor(maxsize = 0) {
    if (typeof maxsize !== "number") typeError("new Queue", "maxsize", "a number", maxsize);
    if (!Number.isSafeInteger(maxsize) || maxsize < 0) {
      rangeError("new Queue", "maxsize", "a non-negative integer (0 for unbounded)", maxsize);
    }
    this.maxsize = maxsize;
  }

  /**
   * Takes the oldest item, waiting for one if the queue is empty. With
   * `timeoutMs` it rejects with {@link QueueEmpty} when no item arrived in
   * time (`0`: at once). Inside a task it rejects with the task's `Stopped`
   * the moment the task is stopped (at once if it already is, without taking
   * an item).
   *
   * @throws TypeError / RangeError for a bad `options.timeoutMs` (not a
   *   number, negative or NaN).
   */
  get(options?: { timeoutMs?: number }): Promise<T> {
    const timeoutMs = readTimeoutOption("Queue#get", options);
    const task = watchedTask();
    if (task?.isStopped) return Promise.reject(stoppedError(task));
    if (this.#items.length > 0) return Promise.resolve(this.#take());
    if (this.#shutDown) return Promise.reject(shutDownError("Queue#get"));
    if (timeoutMs === 0) return Promise.reject(new QueueEmpty("Queue#get: the queue is empty"));
    const wait = new ParkedWait<T>(task);
    this.#getters.push(wait);
    wait.expireAfter(timeoutMs, noItemInTime);
    return wait.promise;
  }

  /**
   * Takes the oldest item at once.
   *
   * @throws QueueEmpty if the queue is empty.
   */
  getNowait(): T {
    if (this.#items.length === 0 && this.#shutDown) throw shutDownError("Queue#getNowait");
    if (this.#items.length === 0) throw new QueueEmpty("Queue#getNowait: the queue is empty");
    return this.#take();
  }

  /**
   * Adds `item` at the back, waiting for room if the queue is full. With
   * `timeoutMs` it rejects with {@link QueueFull} when no room opened in time
   * (`0`: at once). Inside a task it rejects with the task's `Stopped` the
   * moment the task is stopped (at once if it already is); a `put` that
   * rejects never adds its item.
   *
   * @throws TypeError / RangeError for a bad `options.timeoutMs`.
   */
  put(item: T, options?: { timeoutMs?: number }): Promise<void> {
    const timeoutMs = readTimeoutOption("Queue#put", options);
    const task = watchedTask();
    if (task?.isStopped) return Promise.reject(stoppedError(task));
    if (this.#shutDown) return Promise.reject(shutDownError("Queue#put"));
    if (!this.full()) {
      this.#add(item);
      return Promise.resolve();
    }
    if (timeoutMs === 0) return Promise.reject(new QueueFull("Queue#put: the queue is full"));
    const wait = new PendingPut<T>(task, item);
    this.#putters.push(wait);
    wait.expireAfter(timeoutMs, noRoomInTime);
    return wait.promise;
  }

  /**
   * Adds `item` at the back at once.
   *
   * @throws QueueFull if the queue is full.
   */
  putNowait(item: T): void {
    if (this.#shutDown) throw shutDownError("Queue#putNowait");
    if (this.full()) throw new QueueFull("Queue#putNowait: the queue is full");
    this.#add(item);
  }

  /**
   * Marks one item taken from the queue as handled, for {@link join}.
   *
   * @throws Error if called more times than items were put.
   */
  taskDone(): void {
    if (this.#unfinished === 0) {
      throw new Error("Queue#taskDone: called more times than items were put");
    }
    if (--this.#unfinished === 0) this.#wakeJoiners();
  }

  /**
   * Closes the queue, as Python 3.13's `Queue.shutdown` does. Every later
   * `put`/`putNowait` throws {@link QueueShutDown}, and so does every `put`
   * waiting for room now (its item stays out). `get`/`getNowait` go on
   * taking the items left, then throw `QueueShutDown`; a `get` waiting now
   * (the queue is empty) rejects with it at once. `for await` ends normally
   * once the queue is shut down and empty.
   *
   * With `immediate: true` the items left are dropped too (and count as
   * done for {@link join}, which resolves if nothing else is outstanding),
   * so every waiter wakes at once. Calling it again changes nothing, except
   * that `immediate: true` still drops what is left.
   *
   * @throws TypeError if `options` is not an object or `immediate` not a boolean.
   * @example
   * ```ts
   * const lines = new Queue<string>();
   * lines.putNowait("last line");
   * lines.shutdown();
   * for await (const line of lines) console.log(line); // "last line", then the loop ends
   * ```
   */
  shutdown(options?: { immediate?: boolean }): void {
    const immediate = readImmediate(options);
    this.#shutDown = true;
    if (immediate && this.#items.length > 0) {
      const dropped = this.#items.length;
      while (this.#items.length > 0) this.#items.shift();
      this.#unfinished = Math.max(0, this.#unfinished - dropped);
      if (this.#unfinished === 0) this.#wakeJoiners();
    }
    for (let put = this.#putters.shift(); put !== undefined; put = this.#putters.shift()) {
      put.fail(shutDownError("Queue#put"));
    }
    // Getters wait only while the queue is empty, so none can be served now.
    for (let get = this.#getters.shift(); get !== undefined; get = this.#getters.shift()) {
      get.fail(shutDownError("Queue#get"));
    }
  }

  /** Whether {@link shutdown} has been called. */
  get isShutDown(): boolean {
    return this.#shutDown;
  }

  /**
   * Resolves once `taskDone` has been called for every item put so far (at
   * once if there is none outstanding). Inside a task it rejects with the
   * task's `Stopped` the moment the task is stopped.
   */
  join(): Promise<void> {
    const task = watchedTask();
    if (task?.isStopped) return Promise.reject(stoppedError(task));
    if (this.#unfinished === 0) return Promise.resolve();
    const wait = new ParkedWait<void>(task);
    this.#joiners.push(wait);
    return wait.promise;
  }

  /** How many items the queue holds now. */
  qsize(): number {
    return this.#items.length;
  }

  /** Whether the queue holds no items. */
  empty(): boolean {
    return this.#items.length === 0;
  }

  /** Whether the queue holds `maxsize` items (never, when unbounded). */
  full(): boolean {
    return this.maxsize > 0 && this.#items.length >= this.maxsize;
  }

  /**
   * Reads items with `get()`, oldest first, for as long as the loop runs:
   * inside a task until the task stops (the loop then throws its `Stopped`),
   * outside any task until the loop breaks; and in both cases until the
   * queue is shut down and empty, when the loop ends normally.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.get().then(toResult, endIfShutDown<T>),
      return: (value?: unknown) => Promise.resolve({ done: true, value: value as T }),
    };
  }

  #wakeJoiners(): void {
    for (let wait = this.#joiners.shift(); wait !== undefined; wait = this.#joiners.shift()) {
      wait.settle(undefined);
    }
  }

  #take(): T {
    const item = this.#items.shift();
    // The freed slot goes to the longest-waiting live putter.
    for (let put = this.#putters.shift(); put !== undefined; put = this.#putters.shift()) {
      // A putter whose task was stopped has failed, and its item stays out.
      if (put.failIfStopped()) continue;
      this.#items.push(put.item);
      this.#unfinished++;
      put.settle(undefined);
      break;
    }
    return item;
  }

  #add(item: T): void {
    this.#unfinished++;
    for (let get = this.#getters.shift(); get !== undefined; get = this.#getters.shift()) {
      if (get.failIfStopped()) continue;
      get.settle(item);
      return;
    }
    this.#items.push(item);
  }
}

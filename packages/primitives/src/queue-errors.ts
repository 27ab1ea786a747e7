/**
 * Thrown by `Queue#getNowait` when the queue is empty, and the rejection of
 * `Queue#get` when no item arrived within its `timeoutMs`.
 *
 * @example
 * ```ts
 * import { Queue, QueueEmpty } from "@gentletask/primitives";
 *
 * try {
 *   new Queue<number>().getNowait();
 * } catch (error) {
 *   console.log(error instanceof QueueEmpty); // true
 * }
 * ```
 */
export class QueueEmpty extends Error {
  constructor(message = "the queue is empty", options?: ErrorOptions) {
    super(message, options);
  }
  static {
    // On the prototype, not per instance, so serializers that copy own
    // properties show only the message.
    Object.defineProperty(QueueEmpty.prototype, "name", {
      value: "QueueEmpty",
      writable: true,
      configurable: true,
    });
  }
}

/**
 * Thrown by `Queue#putNowait` when the queue is full, and the rejection of
 * `Queue#put` when no room opened within its `timeoutMs`.
 *
 * @example
 * ```ts
 * import { Queue, QueueFull } from "@gentletask/primitives";
 *
 * const queue = new Queue<number>(1);
 * queue.putNowait(1);
 * try {
 *   queue.putNowait(2);
 * } catch (error) {
 *   console.log(error instanceof QueueFull); // true
 * }
 * ```
 */
export class QueueFull extends Error {
  constructor(message = "the queue is full", options?: ErrorOptions) {
    super(message, options);
  }
  static {
    Object.defineProperty(QueueFull.prototype, "name", {
      value: "QueueFull",
      writable: true,
      configurable: true,
    });
  }
}

/**
 * What a `Queue` throws once it has been shut down
 * (`Queue#shutdown`): every later `put` and `putNowait`, and every
 * `get` and `getNowait` once the items left have been taken (or dropped by
 * an immediate shutdown). Waiters blocked at the moment of the shutdown
 * reject with it too. `for await` over the queue ends normally instead.
 */
export class QueueShutDown extends Error {
  constructor(message = "the queue is shut down", options?: ErrorOptions) {
    super(message, options);
  }
  static {
    Object.defineProperty(QueueShutDown.prototype, "name", {
      value: "QueueShutDown",
      writable: true,
      configurable: true,
    });
  }
}

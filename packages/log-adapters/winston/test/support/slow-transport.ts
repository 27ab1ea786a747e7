import type { Writable } from "node:stream";
import winston from "winston";

const MESSAGE = Symbol.for("message");

// winston exports its transport base class as `Transport`; its types call it `transport`.
const Transport = (winston as unknown as { Transport: new (options?: object) => Writable })
  .Transport;

/**
 * A transport that finishes each write a timer tick later, like a file or a
 * socket under load. Its buffer fills at once when many lines arrive
 * together, and winston then queues lines and runs their formats later,
 * from the timer callbacks that drain it.
 */
export class SlowTransport extends Transport {
  readonly lines: Record<string, unknown>[] = [];
  readonly #waiters: { count: number; resolve: () => void }[] = [];

  log(info: Record<PropertyKey, unknown>, callback: () => void): void {
    this.lines.push(JSON.parse(String(info[MESSAGE])));
    for (const waiter of this.#waiters) if (this.lines.length >= waiter.count) waiter.resolve();
    setTimeout(callback, 1);
  }

  /** Resolves once `count` lines have been written. */
  written(count: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.lines.length >= count) resolve();
      else this.#waiters.push({ count, resolve });
    });
  }
}

/**
 * A first-in-first-out buffer with constant-time `shift` (a plain array's
 * `shift` copies the whole array once it is large).
 */
export class Fifo<T> {
  #buffer: (T | undefined)[] = [];
  #head = 0;

  get length(): number {
    return this.#buffer.length - this.#head;
  }

  push(item: T): void {
    this.#buffer.push(item);
  }

  /** Takes the oldest item; call only when `length > 0`. */
  shift(): T {
    const buffer = this.#buffer;
    const item = buffer[this.#head] as T;
    // Drop the reference so a taken item can be collected.
    buffer[this.#head++] = undefined;
    if (this.#head === buffer.length) {
      buffer.length = 0;
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= buffer.length) {
      buffer.splice(0, this.#head);
      this.#head = 0;
    }
    return item;
  }
}

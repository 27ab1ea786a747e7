/** `setTimeout` fires at once (with a warning) for delays past this. */
const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * One timer that calls `fire` after `ms` milliseconds, for any finite delay
 * (longer ones are chained past `setTimeout`'s 2^31-1 ms limit). Cancel it
 * when the wait it serves ends, so no timer outlives its wait.
 */
export class Deadline {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #dueAt = 0;
  readonly #fire: () => void;

  constructor(ms: number, fire: () => void) {
    this.#fire = fire;
    if (ms > MAX_TIMER_DELAY) this.#dueAt = performance.now() + ms;
    this.#timer = setTimeout(Deadline.#tick, Math.min(ms, MAX_TIMER_DELAY), this);
  }

  static #tick(deadline: Deadline): void {
    deadline.#timer = undefined;
    if (deadline.#dueAt !== 0) {
      const remaining = Math.ceil(deadline.#dueAt - performance.now());
      if (remaining > 0) {
        deadline.#timer = setTimeout(
          Deadline.#tick,
          Math.min(remaining, MAX_TIMER_DELAY),
          deadline,
        );
        return;
      }
    }
    deadline.#fire();
  }

  cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

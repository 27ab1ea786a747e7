/**
 * A member of a {@link WaitList}. The links live on the waiter itself, so
 * joining or leaving a list allocates nothing, and a waiter that gives up can
 * leave from the middle in constant time without a trace.
 */
export class WaitLink {
  /** @internal */ previous: WaitLink | undefined = undefined;
  /** @internal */ next: WaitLink | undefined = undefined;
  /** @internal */ list: WaitList<WaitLink> | undefined = undefined;

  /** Leaves the list this waiter is in, if any. */
  leaveList(): void {
    this.list?.remove(this);
  }
}

/** Waiters in arrival order: first in, first served. */
export class WaitList<W extends WaitLink> {
  #head: W | undefined = undefined;
  #tail: W | undefined = undefined;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(waiter: W): void {
    waiter.list = this as unknown as WaitList<WaitLink>;
    waiter.previous = this.#tail;
    waiter.next = undefined;
    if (this.#tail === undefined) this.#head = waiter;
    else this.#tail.next = waiter;
    this.#tail = waiter;
    this.#size++;
  }

  /** Takes the waiter that has waited longest. */
  shift(): W | undefined {
    const head = this.#head;
    if (head !== undefined) this.remove(head);
    return head;
  }

  remove(waiter: WaitLink): void {
    if (waiter.list !== (this as unknown as WaitList<WaitLink>)) return;
    if (waiter.previous === undefined) this.#head = waiter.next as W | undefined;
    else waiter.previous.next = waiter.next;
    if (waiter.next === undefined) this.#tail = waiter.previous as W | undefined;
    else waiter.next.previous = waiter.previous;
    waiter.previous = undefined;
    waiter.next = undefined;
    waiter.list = undefined;
    this.#size--;
  }
}

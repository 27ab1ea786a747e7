import { setTimeout as delay } from "node:timers/promises";
import { type FinishCallback, isTask, type Task, taskChain, taskContext } from "@gentletask/tasks";

/** A hand-rolled task that counts down; no base class needed. */
class CountdownTask implements Task<string> {
  readonly name = "countdown";
  #n: number;
  #stopped = false;
  #stopReason: unknown;
  #outcome: { result: string } | undefined;
  // Its own lifecycle plumbing is plain JavaScript, not stop-aware: wait()
  // is called from outside the task and must not react to the caller's stop.
  readonly #done: Promise<string>;
  readonly #stopCallbacks = new Set<() => void>();
  readonly #finishCallbacks: FinishCallback<string>[] = [];
  // Pushes the stop into the delays below, so they end at once.
  readonly #abort = new AbortController();

  constructor(n: number) {
    this.#n = n;
    // Enter the task's own context, so currentTask() and taskChain() line up.
    this.#done = taskContext(this, this.name, () => this.#run());
  }

  async #run(): Promise<string> {
    console.log(taskChain()); // ["countdown"]
    while (this.#n > 0 && !this.#stopped) {
      this.#n -= 1;
      await delay(10, undefined, { signal: this.#abort.signal }).catch(() => {});
    }
    const result = this.#stopped ? "aborted" : "liftoff";
    this.#outcome = { result };
    for (const fn of this.#finishCallbacks.splice(0)) fn(result, undefined);
    return result;
  }

  get isDone() {
    return this.#outcome !== undefined;
  }
  get isStopped() {
    return this.#stopped;
  }
  get stopReason() {
    return this.#stopReason;
  }
  get result() {
    return this.wait();
  }
  wait(): Promise<string> {
    return this.#done;
  }
  stop(reason?: unknown): Promise<void> {
    if (!this.#stopped) {
      this.#stopped = true;
      this.#stopReason = reason;
      this.#abort.abort(reason ?? "stopped");
      // Fire every stop callback exactly once: stop-aware waits rely on it.
      const callbacks = [...this.#stopCallbacks];
      this.#stopCallbacks.clear();
      for (const fn of callbacks) fn();
    }
    return this.#done.then(() => {});
  }
  addFinishCallback(fn: FinishCallback<string>) {
    if (this.#outcome) fn(this.#outcome.result, undefined);
    else this.#finishCallbacks.push(fn);
  }
  addStopCallback(fn: () => void) {
    if (this.#stopped) fn();
    else this.#stopCallbacks.add(fn);
  }
  removeStopCallback(fn: () => void) {
    this.#stopCallbacks.delete(fn);
  }
  detach() {}
}

const countdown = new CountdownTask(5);
console.log(isTask(countdown)); // true
console.log(await countdown.wait()); // "liftoff"

const stopped = new CountdownTask(1_000);
await stopped.stop("enough");
console.log(await stopped.wait()); // "aborted"

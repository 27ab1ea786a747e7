import { deserialize, serialize } from "node:v8";
import { describe } from "./argument-checks.js";
import { decodeValue, encodeValue, type WireValue } from "./wire-values.js";

/**
 * One job's stop flag, in shared memory so that a thread busy in a CPU loop
 * sees a stop without its event loop turning: `checkStop()` reads it with
 * one `Atomics.load`, and `Atomics.notify` wakes the thread's async waits.
 *
 * Layout: an Int32 state, an Int32 reason length, then the stop reason,
 * serialized, in the bytes after. The reason is written before the state
 * flips, so a thread that sees `STOP` finds the whole reason.
 */
export const QUEUED = 0;
export const RUNNING = 1;
export const STOP = 2;
export const DONE = 3;
/** Stopped before its thread picked it up: the thread skips it. */
export const CANCELLED = 4;

const HEADER_BYTES = 8;
const REASON_BYTES = 2048;

export function createStopFlag(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + REASON_BYTES);
}

function encodedReason(reason: unknown): Uint8Array {
  let bytes = serializeWire(encodeValue(reason));
  if (bytes === undefined || bytes.byteLength > REASON_BYTES) {
    // Too big to carry whole (a long stack, a large object): carry its gist.
    const gist =
      reason instanceof Error
        ? `${reason.name}: ${reason.message}`.slice(0, REASON_BYTES / 4)
        : describe(reason);
    bytes = serializeWire({ kind: "opaque", text: gist }) as Uint8Array;
  }
  return bytes;
}

function serializeWire(wire: WireValue): Uint8Array | undefined {
  try {
    return serialize(wire);
  } catch {
    return undefined;
  }
}

/** Makes a finished job's flag ready for the next job on the same thread. */
export function resetStopFlag(flag: SharedArrayBuffer): void {
  const state = new Int32Array(flag, 0, 2);
  Atomics.store(state, 1, 0);
  Atomics.store(state, 0, QUEUED);
}

/**
 * Asks the job to stop with `reason`. Returns `"cancelled"` if the job had
 * not started (its thread will skip it), `"stopping"` if it was running,
 * `"done"` if it had already finished.
 */
export function requestStop(
  flag: SharedArrayBuffer,
  reason: unknown,
): "cancelled" | "stopping" | "done" {
  const state = new Int32Array(flag, 0, 2);
  const bytes = encodedReason(reason);
  new Uint8Array(flag, HEADER_BYTES, bytes.byteLength).set(bytes);
  Atomics.store(state, 1, bytes.byteLength);
  for (;;) {
    const now = Atomics.load(state, 0);
    if (now === QUEUED) {
      if (Atomics.compareExchange(state, 0, QUEUED, CANCELLED) === QUEUED) return "cancelled";
    } else if (now === RUNNING) {
      if (Atomics.compareExchange(state, 0, RUNNING, STOP) === RUNNING) {
        Atomics.notify(state, 0);
        return "stopping";
      }
    } else {
      return now === DONE ? "done" : "stopping";
    }
  }
}

/** The thread's side of a stop flag. */
export class RemoteStopFlag {
  readonly #state: Int32Array;
  readonly #flag: SharedArrayBuffer;
  #ended = false;

  constructor(flag: SharedArrayBuffer) {
    this.#flag = flag;
    this.#state = new Int32Array(flag, 0, 2);
  }

  /** Marks the job running; false if it was cancelled before it started. */
  begin(): boolean {
    return Atomics.compareExchange(this.#state, 0, QUEUED, RUNNING) !== CANCELLED;
  }

  /** Whether a stop was asked for: one atomic load, for hot loops. */
  get stopRequested(): boolean {
    const state = Atomics.load(this.#state, 0);
    return state === STOP || state === CANCELLED;
  }

  /** The reason the stop carries. */
  reason(): unknown {
    const length = Atomics.load(this.#state, 1);
    if (length === 0) return undefined;
    try {
      return decodeValue(deserialize(new Uint8Array(this.#flag, HEADER_BYTES, length).slice()));
    } catch {
      return undefined;
    }
  }

  /**
   * Calls `onStop` (on a later turn of this thread's event loop) when a stop
   * is asked for; `end()` releases the wait. Holds nothing that keeps the
   * thread alive.
   */
  watch(onStop: () => void): void {
    const wait = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(this.#state, 0, RUNNING);
    if (!wait.async) {
      if (this.stopRequested) onStop();
      return;
    }
    void wait.value.then(() => {
      // The flag may serve the thread's next job by now.
      if (!this.#ended && this.stopRequested) onStop();
    });
  }

  /** The job is over: marks it done and wakes the watcher so it lets go. */
  end(): void {
    this.#ended = true;
    Atomics.store(this.#state, 0, DONE);
    Atomics.notify(this.#state, 0);
  }
}

/** `Atomics.waitAsync` (ES2024; in V8 since Node 16), typed here for our ES2023 lib. */
interface AtomicsWithWaitAsync {
  waitAsync(
    array: Int32Array,
    index: number,
    value: number,
  ): { async: false; value: string } | { async: true; value: Promise<string> };
}

import { anyTaskAlive } from "./core/children.js";

/**
 * A clock for task ages that costs a task nothing to read: reading
 * `performance.now()` for every task would cost about 50 ns, a tenth of a
 * whole spawn + await, for an age that only `taskTree()` ever shows. Instead
 * an unref'd interval refreshes a cached value every {@link RESOLUTION_MS}
 * while tasks are being created (it never keeps the process alive, and it
 * stops at the first tick that finds no task or no read since the last one,
 * so idle waits cost no wake-ups), so ages are right to within that
 * resolution.
 */
const RESOLUTION_MS = 50;

let cached = 0;
let ticker: ReturnType<typeof setInterval> | undefined;
/** Whether the clock was read since the last tick. */
let read = false;

function tick(): void {
  cached = Math.trunc(performance.now());
  if ((!read || !anyTaskAlive()) && ticker !== undefined) {
    // The next read restarts the clock with a fresh value.
    clearInterval(ticker);
    ticker = undefined;
  }
  read = false;
}

/** Milliseconds since the process started, to within the clock's resolution. */
export function coarseNow(): number {
  read = true;
  if (ticker === undefined) {
    cached = Math.trunc(performance.now());
    ticker = setInterval(tick, RESOLUTION_MS);
    ticker.unref();
  }
  return cached;
}

// Clocks, heaps and waits shared by every row of the peer benchmark.
export const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

/** Heap in use after two full collections, or `undefined` without `--expose-gc`. */
export function heapUsed() {
  const gc = globalThis.gc;
  if (typeof gc !== "function") return undefined;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** One turn of the event loop. */
export const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Turns the event loop until `predicate()` holds; throws after `turns` turns. */
export async function waitUntil(predicate, what, turns = 100_000) {
  for (let i = 0; i < turns; i++) {
    if (predicate()) return;
    await turn();
  }
  throw new Error(`peer benchmark: gave up waiting for ${what}`);
}

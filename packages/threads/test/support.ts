import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The test fixtures' module of exports, run in real worker threads. */
export const work = new URL("./fixtures/work.mjs", import.meta.url);

/** One turn of the event loop. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Waits, turn by turn, until `predicate()` holds; fails after `turns` turns. */
export async function until(predicate: () => boolean, turns = 200_000): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (predicate()) return;
    await nextTurn();
  }
  throw new Error(`condition not met after ${turns} turns: ${predicate.toString()}`);
}

/** A counter a thread and this side share. */
export function sharedCounter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(8));
}

/** Settles `promise` into a record, so no rejection escapes. */
export function outcome<T>(
  promise: PromiseLike<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return Promise.resolve(promise).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** Threads run the built packages: fail clearly when the build is missing. */
export function requireBuild(): void {
  const needed = [
    "../dist/thread-entry.js",
    "../dist/piscina/pool-worker.js",
    "../../tasks/dist/index.js",
    "../../primitives/dist/index.js",
    "../../log-adapters/pino/dist/index.js",
  ];
  const missing = needed.filter(
    (path) => !existsSync(fileURLToPath(new URL(path, import.meta.url))),
  );
  if (missing.length > 0) {
    throw new Error(
      `build first (pnpm --filter @gentletask/threads... build); missing ${missing.join(", ")}`,
    );
  }
}

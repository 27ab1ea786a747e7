import { Piscina } from "piscina";

/**
 * Piscina's constructor options (Piscina does not export their type by name).
 *
 * @example
 * ```ts
 * import type { PoolOptions } from "@gentletask/threads/piscina";
 *
 * const options: Omit<PoolOptions, "filename"> = { minThreads: 2, maxThreads: 4, idleTimeout: 30_000 };
 * ```
 */
export type PoolOptions = NonNullable<ConstructorParameters<typeof Piscina>[0]>;

import { poolWorkerFile } from "./spawn-on-pool.js";

/**
 * A Piscina pool whose threads run gentletask jobs: `new Piscina` with
 * `filename` set to {@link poolWorkerFile} and your other options (sizing,
 * queue limits, idle timeout) as given.
 *
 * @throws TypeError if `options` sets a `filename` of its own.
 * @example
 * ```ts
 * import { createPool } from "@gentletask/threads/piscina";
 *
 * const pool = createPool({ minThreads: 2, maxThreads: 2 });
 * ```
 */
export function createPool(options: Omit<PoolOptions, "filename"> = {}): Piscina {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("createPool: expected `options` to be an object of Piscina options");
  }
  if ((options as { filename?: unknown }).filename !== undefined) {
    throw new TypeError(
      "createPool: `options.filename` is set for you (to poolWorkerFile); name each job's module in spawnOnPool instead",
    );
  }
  return new Piscina({ ...options, filename: poolWorkerFile });
}

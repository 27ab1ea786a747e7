export { createPool, type PoolOptions } from "./create-pool.js";
export { type PoolJobOptions, poolWorkerFile, spawnOnPool } from "./spawn-on-pool.js";

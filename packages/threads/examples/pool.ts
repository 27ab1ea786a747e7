import { createPool, spawnOnPool } from "@gentletask/threads/piscina";

const pool = createPool({ minThreads: 2, maxThreads: 2 }); // Piscina sizes and queues
const work = new URL("./seed-work.mjs", import.meta.url);

const counts = await Promise.all(
  [20_000, 30_000, 40_000].map((below) =>
    spawnOnPool<number>(pool, work, "countPrimes", { args: [below], name: `primes-${below}` }),
  ),
);
console.log(counts); // [2262, 3245, 4203]
await pool.destroy();

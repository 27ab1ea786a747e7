import { sleep } from "@gentletask/primitives";
import { Stopped } from "@gentletask/tasks";
import { spawnThread } from "@gentletask/threads";

const work = new URL("./seed-work.mjs", import.meta.url);

const small = await spawnThread<number>(work, "countPrimes", { args: [10_000] });
console.log("primes below 10,000:", small);

const huge = spawnThread<number>(work, "countPrimes", { args: [1e12], name: "primes" });
await sleep(50);
await huge.stop("too slow"); // resolves once the thread has exited
await huge.then(undefined, (error) => console.log(error instanceof Stopped, error.reason));

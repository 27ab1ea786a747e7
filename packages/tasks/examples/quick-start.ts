import { setTimeout as delay } from "node:timers/promises";
import { Stopped, spawn } from "@gentletask/tasks";

const progress: number[] = [];

const counter = spawn(
  async () => {
    for (let n = 1; ; n++) {
      progress.push(n);
      // The task's signal aborts the moment it is stopped, which ends this delay.
      await delay(20, undefined, { signal: counter.signal });
    }
  },
  { name: "counter" },
);

await delay(100); // let it tick a few times
await counter.stop(); // resolves once the counter has unwound

const outcome = await counter.wait().catch((error: Error) => error);
console.log("counter ticked:", progress.length > 1); // true
console.log("isStopped:", counter.isStopped); // true
// Node's timers reject with an AbortError whose cause is the signal's reason: the task's Stopped.
console.log((outcome as Error).name, (outcome as Error).cause instanceof Stopped); // AbortError true

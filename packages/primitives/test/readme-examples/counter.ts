import { sleep } from "@gentletask/primitives";
import { Stopped, spawn } from "@gentletask/tasks";

const progress: number[] = [];

const counter = spawn(
  async () => {
    let n = 0;
    for (;;) {
      progress.push(++n);
      await sleep(20); // rejects with Stopped when the task is stopped
    }
  },
  { name: "counter" },
);

await new Promise((resolve) => setTimeout(resolve, 100)); // let it tick a few times
await counter.stop(); // cooperative: the sleep wakes with Stopped at once

try {
  await counter.wait();
} catch (error) {
  if (error instanceof Stopped) console.log("counter stopped after", progress.length, "ticks");
}
console.log("isStopped:", counter.isStopped);
// counter stopped after 5 ticks (or so)
// isStopped: true

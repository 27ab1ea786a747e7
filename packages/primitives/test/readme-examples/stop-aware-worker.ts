import { checkStop, Event, poll, Queue } from "@gentletask/primitives";
import { spawn } from "@gentletask/tasks";

const queue = new Queue<number>();
const done = new Event();
const results: number[] = [];

async function worker(): Promise<void> {
  for (;;) {
    checkStop(); // surrender at a known-safe point
    const item = await queue.get(); // rejects with Stopped if stopped while waiting
    results.push(item * 10);
    if (await done.wait(10)) break; // so does this
  }
}

const connection = { ready: false };
setTimeout(() => {
  connection.ready = true;
}, 30);

const task = spawn(worker, { name: "worker" });
// Samples every 50 ms; a stop wakes the wait between samples at once.
await poll(() => connection.ready, { intervalMs: 50, timeoutMs: 5_000 });
for (const item of [1, 2, 3]) queue.putNowait(item);
await poll(() => results.length === 3, { intervalMs: 5, timeoutMs: 5_000 });
await task.stop(); // wherever the worker waits, it wakes with Stopped
console.log(results, task.isDone);
// [ 10, 20, 30 ] true

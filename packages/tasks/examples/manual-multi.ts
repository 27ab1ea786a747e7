import { ManualTask, MultiTask, spawn } from "@gentletask/tasks";

// A ManualTask is completed by whoever holds it: a bridge from callbacks.
const ready = new ManualTask<string>({ name: "ready" });
setTimeout(() => ready.resolve("up"), 10);

// A MultiTask finishes when all of its tasks have, with results in order.
const both = new MultiTask([ready, spawn(async () => 2)]);
console.log(await both); // ["up", 2]
console.log(ready.resolve("again")); // false: a ManualTask completes once

import { asynch, spawn, synch } from "@gentletask/tasks";

const add = asynch((x: number, y: number) => x + y, { name: "async-add" });
const task = add(10, 20); // starts an AsyncTask
console.log(await task.wait()); // 30

const process = (x: number) => x * 10;

const job = asynch(process); // job(...) starts a task
console.log(await synch(job)(5)); // 50: unwrapped, runs inline, no task
console.log(await synch(process)(5)); // 50: a plain function passes through

// A function that hands back a task: synch waits for it.
const schedule = (x: number) => spawn(() => process(x), { name: "scheduled" });
console.log(await synch(schedule)(5)); // 50

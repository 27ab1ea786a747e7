import { throughline } from "@gentletask/semantic-stack";
import { ThreadWorker } from "@gentletask/threads";

const worker = new ThreadWorker(new URL("./seed-work.mjs", import.meta.url), { name: "io-worker" });

// Submitted inside a frame -> the job inherits it
const a = throughline.run({ name: "request_handler" }, () =>
  worker.submit<{ chain: string[]; upper: string }>("job", { args: ["a"], name: "job-a" }),
);
await a.wait();

// Submitted outside any frame -> the job sees only its own name
const b = worker.submit<{ chain: string[]; upper: string }>("job", { args: ["b"], name: "job-b" });
await b.wait();

console.log((await a).chain); // ["request_handler", "job-a"]
console.log((await b).chain); // ["job-b"]
console.log((await a).upper); // "A"
await worker.stop(); // already-queued jobs drain, then the thread exits

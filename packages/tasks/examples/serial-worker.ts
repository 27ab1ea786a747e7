import { throughline } from "@gentletask/semantic-stack";
import { SerialWorker, taskChain } from "@gentletask/tasks";

const worker = new SerialWorker("io-worker");
const captured: Record<string, string[]> = {};

function job(label: string) {
  captured[label] = taskChain();
  return label.toUpperCase();
}

// Submitted inside a frame: the job inherits it.
const a = throughline.run({ name: "request_handler" }, () =>
  worker.submit(job, { args: ["a"], name: "job-a" }),
);
await a;

// Submitted outside any frame: the job sees only its own name.
const b = worker.submit(job, { args: ["b"], name: "job-b" });
await b;

console.log(captured.a); // ["request_handler", "job-a"]
console.log(captured.b); // ["job-b"]
console.log(await a.result); // "A"
await worker.stop(); // queued jobs drain first; submit() throws afterwards

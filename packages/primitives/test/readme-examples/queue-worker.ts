import { Queue, sleep } from "@gentletask/primitives";
import { Stopped, spawn } from "@gentletask/tasks";

const jobs = new Queue<string>();

const worker = spawn(
  async () => {
    for await (const job of jobs) {
      console.log("handling", job);
      await sleep(10); // stop-aware: a stop wakes this at once
      jobs.taskDone();
    }
  },
  { name: "worker" },
);

jobs.putNowait("resize photo");
jobs.putNowait("send mail");
await jobs.join(); // both jobs are handled
await worker.stop("no more work"); // resolves once the worker has unwound

try {
  await worker.wait();
} catch (error) {
  console.log(error instanceof Stopped, (error as Stopped).reason);
}
// handling resize photo
// handling send mail
// true no more work

import { setTimeout as delay } from "node:timers/promises";
import { type AsyncTask, ManualTask, spawn } from "@gentletask/tasks";

const events: string[] = [];
const parentStopped = new ManualTask<void>();

const parent = spawn(
  async () => {
    const child: AsyncTask<void> = spawn(
      async () => {
        try {
          for (;;) await delay(20, undefined, { signal: child.signal });
        } finally {
          await delay(5); // async cleanup: the parent's stop waits for it
          events.push("child cleaned up");
        }
      },
      { name: "child" },
    );
    const loner: AsyncTask<void> = spawn(
      async () => {
        await parentStopped; // outlives the parent's stop
        events.push("detached child kept running");
      },
      { name: "loner" },
    );
    loner.detach(); // the parent's stop will not reach it
    await child; // the parent waits on its child
  },
  { name: "parent" },
);

await delay(50);
await parent.stop("shutting down"); // cascades into the child, not the loner
events.push("parent stopped");
parentStopped.resolve();
await delay(10);
console.log(events);
// ["child cleaned up", "parent stopped", "detached child kept running"]

import { shield, sleep } from "@gentletask/primitives";
import { spawn } from "@gentletask/tasks";

const log: string[] = [];

const session = spawn(
  async () => {
    try {
      await sleep(Number.POSITIVE_INFINITY); // serve until stopped
    } finally {
      // The task is stopped, so a bare sleep here would reject at once.
      await shield(async () => {
        await sleep(5); // say goodbye, with a deadline of its own
        log.push("goodbye sent");
      });
    }
  },
  { name: "session" },
);

await sleep(1);
await session.stop("closing"); // resolves after the shielded cleanup
console.log(log);
// [ 'goodbye sent' ]

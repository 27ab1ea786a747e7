import { setTimeout as delay } from "node:timers/promises";
import { formatTaskTree, main, spawn } from "@gentletask/tasks";

await main(async function service() {
  const poller = spawn(
    async () => {
      try {
        while (true) await delay(100, undefined, { signal: poller.signal }); // ends when stopped
      } finally {
        console.log("poller cleaned up");
      }
    },
    { name: "poller" },
  );
  await delay(20);
  console.log(formatTaskTree()); // what runs right now; SIGUSR2 prints it too
  // A real service would run until Ctrl-C; this one sends itself SIGINT.
  setTimeout(() => process.kill(process.pid, "SIGINT"), 50);
  await poller;
});
// service  running  0.0s
// └─ poller  running  0.0s
//
// main: SIGINT received, no shutdown hooks to run     (on standard error)
// main: stopping "service" (SIGINT); cleanup may run for up to 10000 ms
// poller cleaned up
// ...and the process exits with code 130.

import { setTimeout as delay } from "node:timers/promises";
import { main, onShutdown, spawn } from "@gentletask/tasks";

await main(
  async function service() {
    let accepting = true;
    const inFlight = new Set<Promise<unknown>>();
    onShutdown(() => {
      accepting = false; // (1) at the first signal: take no new work
      // (2) the drain lasts until this settles (at most drainMs)
      return Promise.allSettled(inFlight).then(() => {});
    });
    const job = (name: string, ms: number) => {
      if (!accepting) return;
      const task = spawn(
        async () => {
          try {
            await delay(ms, undefined, { signal: task.signal });
            console.log(`${name} finished`);
          } catch {
            console.log(`${name} stopped: ${task.stopReason}`); // (3) stopped after the drain
          }
        },
        { name },
      );
      inFlight.add(task.result);
    };
    job("quick", 50);
    job("slow", 60_000);
    setTimeout(() => process.kill(process.pid, "SIGTERM"), 10);
    await Promise.allSettled(inFlight);
  },
  { drainMs: 200 },
);
// quick finished
// slow stopped: SIGTERM
// and on standard error, one line per phase:
// main: SIGTERM received, running 1 shutdown hook
// main: draining for up to 200 ms while in-flight work finishes
// main: drain time of 200 ms is up, stopping "service" (SIGTERM); cleanup may run for up to 10000 ms

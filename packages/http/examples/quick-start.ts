import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createServer } from "@gentletask/http";
import { sleep } from "@gentletask/primitives";
import { main, taskChain } from "@gentletask/tasks";

await main(
  async function service() {
    const server = createServer(async (request, response) => {
      await sleep(100); // stop-aware: a shutdown or a client that leaves ends it
      response.end(`${JSON.stringify(taskChain())}\n`);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;

    // A request in flight when Ctrl-C comes (this one sends itself SIGINT).
    const answer = fetch(`http://127.0.0.1:${port}/jobs/42`).then((r) => r.text());
    setTimeout(() => process.kill(process.pid, "SIGINT"), 20);
    process.stdout.write(await answer);
    await sleep(Number.POSITIVE_INFINITY); // a service runs until it is stopped
  },
  { drainMs: 1_000 },
);
// On standard error, one line per phase:
// main: SIGINT received, running 1 shutdown hook
// main: draining for up to 1000 ms while in-flight work finishes
// main: in-flight work done, stopping "service" (SIGINT); cleanup may run for up to 10000 ms
// On standard output, the request's answer, from its task:
// ["service","GET /jobs/42"]
// ...and the process exits with code 130.

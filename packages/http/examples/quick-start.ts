import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createServer } from "@gentletask/http";
import { sleep } from "@gentletask/primitives";
import { main, taskChain } from "@gentletask/tasks";

await main(
  async function service() {
    const server = createServer(async (_request, response) => {
      process.kill(process.pid, "SIGINT"); // Ctrl-C while this request is in flight
      await sleep(100); // stop-aware: a stop, or a client that leaves, ends it
      response.end(`${JSON.stringify(taskChain())}\n`);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;

    fetch(`http://127.0.0.1:${port}/jobs/42`)
      .then((answer) => answer.text())
      .then((text) => process.stdout.write(text));
    await sleep(Number.POSITIVE_INFINITY); // a service runs until it is stopped
  },
  { drainMs: 1_000 },
);
// On standard error, one line per phase:
// main: SIGINT received, running 1 shutdown hook
// main: draining for up to 1000 ms while in-flight work finishes
// main: in-flight work done, stopping "service" (SIGINT); cleanup may run for up to 10000 ms
// On standard output, the answer, written from the request's task:
// ["service","GET /jobs/42"]
// ...and the process exits with code 130.

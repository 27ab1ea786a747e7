import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createServer } from "@gentletask/http";
import { sleep } from "@gentletask/primitives";
import { main, taskChain } from "@gentletask/tasks";
import express from "express";

await main(
  async function api() {
    const app = express();
    app.get("/users/:id", (request, response) => {
      response.json({ id: request.params.id, chain: taskChain() });
    });
    const server = createServer(app); // an Express app is a request listener
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;

    const answer = await fetch(`http://127.0.0.1:${port}/users/7`);
    console.log(await answer.json());
    process.kill(process.pid, "SIGTERM"); // as an orchestrator would
    await sleep(Number.POSITIVE_INFINITY);
  },
  { drainMs: 5_000 },
);
// { id: '7', chain: [ 'api', 'GET /users/7' ] }
// ...and the process exits with code 143.

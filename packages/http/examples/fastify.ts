import { createServer } from "@gentletask/http";
import { sleep } from "@gentletask/primitives";
import { main, taskChain } from "@gentletask/tasks";
import Fastify from "fastify";

await main(
  async function api() {
    const app = Fastify({ serverFactory: (handler) => createServer(handler) });
    app.get("/health", async () => ({ ok: true, chain: taskChain() }));
    const address = await app.listen({ port: 0, host: "127.0.0.1" });

    const answer = await fetch(`${address}/health`);
    console.log(await answer.json());
    process.kill(process.pid, "SIGTERM");
    await sleep(Number.POSITIVE_INFINITY);
  },
  { drainMs: 5_000 },
);
// { ok: true, chain: [ 'api', 'GET /health' ] }
// ...and the process exits with code 143.

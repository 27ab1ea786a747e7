import { createServer, type RequestListener } from "node:http";
import { Event, sleep } from "@gentletask/primitives";
import { currentTask, spawn, taskChain } from "@gentletask/tasks";
import { expect, test } from "vitest";
import { asTasks } from "../examples/fetch-api.ts";
import { send } from "./support/http-client.ts";
import { listenForTest } from "./support/servers.ts";

/**
 * The smallest fetch-API server on `node:http`, as Hono's node-server,
 * Bun.serve and Deno.serve are: each request becomes a `Request` whose
 * `signal` aborts when the client goes away, and the handler's `Response`
 * (or any thenable of one, such as a task) is written back.
 */
function fetchServer(handler: (request: Request) => PromiseLike<Response>): RequestListener {
  return async (req, res) => {
    const controller = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) controller.abort(new Error("client went away"));
    });
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      signal: controller.signal,
    });
    try {
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  };
}

test("fetch-API servers: asTasks makes each request a named child task, stopped by request.signal", async () => {
  const log: string[] = [];
  const slowStarted = new Event();
  const handle = async (request: Request) => {
    if (new URL(request.url).pathname === "/slow") {
      try {
        slowStarted.set();
        await sleep(Number.POSITIVE_INFINITY);
      } finally {
        log.push(`slow finally, stopped: ${currentTask()?.isStopped}`);
      }
    }
    return Response.json(taskChain());
  };
  await spawn(
    async () => {
      const port = await listenForTest(createServer(fetchServer(asTasks(handle))));

      const aborter = new AbortController();
      const slow = send(port, "/slow", { signal: aborter.signal });
      await slowStarted.wait();
      const sibling = await send(port, "/jobs/42?x=1");
      expect(sibling.status).toBe(200);
      expect(JSON.parse(sibling.body)).toEqual(["api", "GET /jobs/42"]);
      aborter.abort();
      await expect(slow).rejects.toThrow();
      while (log.length === 0) await sleep(5);
    },
    { name: "api" },
  );
  expect(log).toEqual(["slow finally, stopped: true"]);
});

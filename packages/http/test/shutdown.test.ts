import { Agent } from "node:http";
import { connect } from "node:net";
import { afterEach, expect, test } from "vitest";
import { CHILD_TEST_MS } from "../../../test-support/child-deadlines.ts";
import { type Answer, rawConnection, send } from "./support/http-client.ts";
import { killLeftovers, startChild } from "./support/service-child.ts";

afterEach(killLeftovers);

/** How each framework builds the app; every one answers the same two routes. */
const frameworks = {
  "node:http": `
    const server = createServer(handle, { serverOptions });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address();
  `,
  express: `
    const { default: express } = await import("express");
    const app = express();
    app.use(handle); // an Express app is a listener
    const server = createServer(app, { serverOptions });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address();
  `,
  fastify: `
    const { default: Fastify } = await import("fastify");
    const app = Fastify({
      keepAliveTimeout: 60_000,
      serverFactory: (handler) => createServer(handler),
    });
    app.all("/*", async (request, reply) => {
      await handle(request.raw, reply.raw);
      return reply;
    });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = app.server.address();
  `,
};

/**
 * A service with one slow route (`/slow` answers once the test writes
 * `release` on standard input) and a quick one; each request says when its
 * handler starts, so the test knows which requests the service took on.
 */
const service = (framework: keyof typeof frameworks) => `
  import { once } from "node:events";
  import { createServer } from "@gentletask/http";
  import { sleep, stoppable } from "@gentletask/primitives";
  import { main } from "@gentletask/tasks";

  // Idle keep-alive connections would otherwise stay open for a minute.
  const serverOptions = { keepAliveTimeout: 60_000 };

  let release;
  const released = new Promise((resolve) => { release = resolve; });
  process.stdin.on("data", (data) => { if (String(data).includes("release")) release(); });

  async function handle(request, response) {
    const id = request.headers["x-id"];
    console.log("started " + id);
    if (request.url === "/slow") await stoppable(released);
    else await sleep(3);
    response.setHeader("content-type", "text/plain");
    response.end("done " + id + " " + "x".repeat(2000));
  }

  await main(async function service() {
    ${frameworks[framework]}
    console.log("listening " + port);
    await sleep(Infinity);
  }, { drainMs: 20_000, shutdownTimeoutMs: 20_000 });
`;

const TOTAL = 300;
const CLIENTS = 8;

test.each(Object.keys(frameworks) as (keyof typeof frameworks)[])(
  "%s: SIGTERM under keep-alive load loses no request the service took on; it refuses new work, closes idle sockets at once, drains, exits 143",
  async (framework) => {
    const child = startChild(service(framework));
    const port = Number((await child.waitFor(/^listening \d+$/)).split(" ")[1]);

    // An idle keep-alive connection, and one whose request is half sent.
    const idle = await rawConnection(port);
    idle.socket.write("GET /quick HTTP/1.1\r\nHost: x\r\nX-Id: idle\r\n\r\n");
    await child.waitFor(/^started idle$/);
    const partial = await rawConnection(port);
    partial.socket.write("GET /quick HTTP/1.1\r\nHost: x\r\nX-Id: late\r\n");

    // A request still in flight when the signal comes, and a bounded load.
    const slowAgent = new Agent({ keepAlive: true });
    const slow = send(port, "/slow", { agent: slowAgent, headers: { "x-id": "slow" } });
    slow.catch(() => {}); // awaited below; handled now, should the test fail before then
    await child.waitFor(/^started slow$/);
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    const outcomes = new Map<string, Answer | string>();
    let launched = 0;
    let answered = 0;
    let signalled = false;
    const client = async () => {
      while (launched < TOTAL) {
        const id = `load-${launched++}`;
        try {
          outcomes.set(id, await send(port, "/quick", { agent, headers: { "x-id": id } }));
          if (++answered === 100 && !signalled) {
            signalled = true;
            child.kill("SIGTERM");
          }
        } catch (error) {
          outcomes.set(id, (error as NodeJS.ErrnoException).code ?? String(error));
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, client));
    load.catch(() => {});

    await child.waitFor(/^main: SIGTERM received, running 1 shutdown hook$/);
    // Written once every hook has been called: the server has stopped accepting.
    await child.waitFor(/^main: draining for up to 20000 ms/);
    // Not accepting any more: a new connection is refused.
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");
    // The idle keep-alive connection is closed at once, while the slow request still drains.
    await idle.closed;
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    // A request that arrives on an open connection now is refused with a 503.
    partial.socket.write("\r\n");
    await partial.closed;
    expect(partial.received()).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(partial.received()).toMatch(/\r\nConnection: close\r\n/i);
    expect(child.stdout).not.toMatch(/^started late$/m);

    await load;
    child.process.stdin?.end("release\n");
    const slowAnswer = await slow;
    expect(slowAnswer.status).toBe(200);
    expect(slowAnswer.headers.connection).toBe("close");
    expect(slowAnswer.body).toBe(`done slow ${"x".repeat(2000)}`);

    expect(await child.exited).toEqual({ code: 143, signal: null });
    expect(child.stderr).toContain('main: in-flight work done, stopping "service" (SIGTERM)');
    expect(child.stderr).not.toContain("exiting at once");

    // Every request whose handler started got its whole answer.
    const started = [...child.stdout.matchAll(/^started (load-\d+)$/gm)].map((m) => m[1]);
    expect(started.length).toBeGreaterThanOrEqual(100);
    const lost = started.filter((id) => {
      const outcome = outcomes.get(id as string);
      return typeof outcome !== "object" || outcome.body !== `done ${id} ${"x".repeat(2000)}`;
    });
    expect(lost).toEqual([]);
    // The rest never reached a handler: refused, reset, or answered 503. A
    // request written to a kept-alive socket whose reset has already come
    // back fails with EPIPE instead: the same outcome, seen a moment later.
    for (const [id, outcome] of outcomes) {
      if (started.includes(id)) continue;
      const seen = typeof outcome === "string" ? outcome : outcome.status;
      expect(["ECONNREFUSED", "ECONNRESET", "EPIPE", 503], `${id}: ${seen}`).toContain(seen);
    }
    expect(outcomes.size).toBe(TOTAL);
    // No socket stays open on either side: the child exited by itself, and ours all closed.
    agent.destroy();
    slowAgent.destroy();
  },
  CHILD_TEST_MS,
);

test(
  "a handler that ignores its stop: past the deadline the tree is printed, naming the request, and the process exits",
  async () => {
    const child = startChild(`
    import { once } from "node:events";
    import { createServer } from "@gentletask/http";
    import { sleep } from "@gentletask/primitives";
    import { main } from "@gentletask/tasks";

    await main(async function service() {
      const server = createServer(async () => {
        console.log("started");
        await new Promise(() => {}); // not stop-aware: the stop goes unheard
      });
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      console.log("listening " + server.address().port);
      await sleep(Infinity);
    }, { drainMs: 50, shutdownTimeoutMs: 300 });
  `);
    const port = Number((await child.waitFor(/^listening \d+$/)).split(" ")[1]);
    const answer = send(port, "/stubborn/1?secret=x").catch((error) => error.code);
    await child.waitFor(/^started$/);
    child.kill("SIGTERM");
    expect(await child.exited).toEqual({ code: 143, signal: null });
    expect(await answer).toBe("ECONNRESET");
    expect(child.stderr).toContain(
      'main: drain time of 50 ms is up, stopping "service" (SIGTERM); cleanup may run for up to 300 ms\n',
    );
    expect(child.stderr).toContain("main: cleanup took longer than 300 ms, exiting at once");
    expect(child.stderr).toMatch(/^└─ GET \/stubborn\/1 {2}stopping \(SIGTERM\) {2}\d+\.\ds$/m);
  },
  CHILD_TEST_MS,
);

test(
  "a server closed and listened again keeps its shutdown hook: a signal still closes it and the process exits",
  async () => {
    const child = startChild(`
    import { once } from "node:events";
    import { createServer } from "@gentletask/http";
    import { sleep } from "@gentletask/primitives";
    import { main } from "@gentletask/tasks";

    await main(async function service() {
      const server = createServer((_request, response) => response.end("ok"));
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      server.close(); // a restart on a configuration reload, say
      await once(server, "close");
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      console.log("listening " + server.address().port);
      await sleep(Infinity);
    }, { write: () => {} });
  `);
    const port = Number((await child.waitFor(/^listening \d+$/)).split(" ")[1]);
    expect(await send(port, "/")).toMatchObject({ status: 200, body: "ok" });
    child.kill("SIGTERM");
    // Without the hook the listening server holds the process for ever.
    expect(await child.exited).toEqual({ code: 143, signal: null });
  },
  CHILD_TEST_MS,
);

// Requests per second through @gentletask/http against the same bare
// node:http listener, in one process: autocannon drives keep-alive load on
// 127.0.0.1, alternating subject and baseline over several rounds; medians.
// Then memory per in-flight request: many requests held open at once, heap
// after a collection, with and without the wrapper. Imports the BUILT
// packages: run `pnpm --filter @gentletask/http... build` first, and run
// under `nice`. Prints figures and ratios; asserts nothing.
import { once } from "node:events";
import { Agent, createServer as createNodeServer, request } from "node:http";
import { createServer, requestTasks } from "@gentletask/http";
import { spawn } from "@gentletask/tasks";
import autocannon from "autocannon";
import { median } from "../../../bench-support/stats.mjs";

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const SECONDS = Number(process.env.SECONDS ?? 2);
const CONNECTIONS = 16;

const body = JSON.stringify({ ok: true, items: [1, 2, 3] });
const listener = (_request, response) => {
  response.setHeader("content-type", "application/json");
  response.end(body);
};

async function listen(server) {
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return server;
}

function load(port) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url: `http://127.0.0.1:${port}/jobs/42`, connections: CONNECTIONS, duration: SECONDS },
      (error, result) => (error ? reject(error) : resolve(result.requests.average)),
    );
  });
}

async function throughput() {
  // Servers made inside a task, as a service makes them: requests are its children.
  let servers;
  const owner = spawn(
    async () => {
      servers = {
        bare: await listen(createNodeServer(listener)),
        requestTasks: await listen(createNodeServer(requestTasks(listener))),
        createServer: await listen(createServer(listener)),
      };
      await new Promise((resolve) => {
        servers.done = resolve;
      });
    },
    { name: "bench" },
  );
  while (servers === undefined) await new Promise((resolve) => setTimeout(resolve, 1));
  const rates = { bare: [], requestTasks: [], createServer: [] };
  const order = Object.keys(rates);
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate which goes first, so no one always runs on the warmest process.
    for (let i = 0; i < order.length; i++) {
      const name = order[(i + round) % order.length];
      rates[name].push(await load(servers[name].address().port));
    }
  }
  for (const name of order) {
    servers[name].closeAllConnections();
    servers[name].close();
  }
  servers.done();
  await owner;
  // The first round warms up the JIT; leave it out.
  const bare = median(rates.bare.slice(1));
  console.log(
    `requests/s, median of ${ROUNDS - 1} rounds of ${SECONDS}s, ${CONNECTIONS} keep-alive connections:`,
  );
  console.log(`  bare node:http listener   ${bare.toFixed(0)}`);
  for (const name of ["requestTasks", "createServer"]) {
    const rate = median(rates[name].slice(1));
    console.log(`  ${name.padEnd(24)}  ${rate.toFixed(0)}  (${(rate / bare).toFixed(3)}x of bare)`);
  }
}

/** Heap bytes per request held in flight, with `make(listener)` as the server. */
async function heapPerInFlight(make, count) {
  const release = [];
  const started = { n: 0 };
  const held = (_request, response) => {
    started.n++;
    release.push(() => response.end("ok"));
  };
  let server;
  const owner = spawn(
    async () => {
      server = await listen(make(held));
      await new Promise((resolve) => {
        server.done = resolve;
      });
    },
    { name: "bench" },
  );
  while (server === undefined) await new Promise((resolve) => setTimeout(resolve, 1));
  const agent = new Agent({ keepAlive: true, maxSockets: count });
  const { port } = server.address();
  const send = () =>
    new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/jobs/42", agent }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end();
    });
  // Warm the connections up, so that sockets are not part of the figure.
  const warm = Array.from({ length: count }, send);
  while (started.n < count) await new Promise((resolve) => setTimeout(resolve, 5));
  for (const end of release.splice(0)) end();
  await Promise.all(warm);
  started.n = 0;
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const inFlight = Array.from({ length: count }, send);
  while (started.n < count) await new Promise((resolve) => setTimeout(resolve, 5));
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  for (const end of release.splice(0)) end();
  await Promise.all(inFlight);
  agent.destroy();
  server.closeAllConnections();
  server.close();
  server.done();
  await owner;
  return (after - before) / count;
}

await throughput();
if (typeof globalThis.gc === "function") {
  const count = 2_000;
  const bare = median(await sequence(5, () => heapPerInFlight((l) => createNodeServer(l), count)));
  const wrapped = median(await sequence(5, () => heapPerInFlight((l) => createServer(l), count)));
  console.log(`heap per in-flight request (${count} held open, server and client in one process):`);
  console.log(
    `  bare ${bare.toFixed(0)} B, createServer ${wrapped.toFixed(0)} B: +${(wrapped - bare).toFixed(0)} B per request`,
  );
} else {
  console.log("(memory per in-flight request: run with node --expose-gc)");
}

async function sequence(times, fn) {
  const out = [];
  for (let i = 0; i < times; i++) out.push(await fn());
  return out;
}

import { once } from "node:events";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { taskTree } from "@gentletask/tasks";
import { afterEach, beforeEach, expect, test } from "vitest";
import { crawl } from "./readme-examples/crawler.js";
import { outcome, until } from "./support.js";

/**
 * A site on 127.0.0.1 that counts its open connections. Pages behave by
 * name: `ok-*` answer after a short delay, `flaky-*` fail once with a 500,
 * `slow-*` hang on the first request, `hang-*` never answer, `broken-*`
 * always fail. Every answer closes its connection, so an open connection is
 * a request in flight.
 */
async function startSite() {
  const state = { open: 0, peak: 0, requests: 0, hits: new Map<string, number>() };
  const hanging = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    const hit = (state.hits.get(path) ?? 0) + 1;
    state.hits.set(path, hit);
    state.requests += 1;
    response.setHeader("connection", "close");
    const answer = (status: number) => {
      response.statusCode = status;
      response.end(status === 200 ? `page ${path}` : "error");
    };
    if (path.startsWith("/hang-") || (path.startsWith("/slow-") && hit === 1)) {
      hanging.add(response);
      response.on("close", () => hanging.delete(response));
    } else if (path.startsWith("/broken-") || (path.startsWith("/flaky-") && hit === 1)) {
      answer(500);
    } else {
      setTimeout(() => answer(200), 1 + (hit % 3));
    }
  });
  server.on("connection", (socket) => {
    state.open += 1;
    state.peak = Math.max(state.peak, state.open);
    socket.on("close", () => {
      state.open -= 1;
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    state,
    url: (path: string) => `http://127.0.0.1:${port}/${path}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

let site: Awaited<ReturnType<typeof startSite>>;
beforeEach(async () => {
  site = await startSite();
});
afterEach(async () => {
  await site.close();
});

test("crawls 50 pages 4 at a time, retrying failures and timeouts, with no connection left open", async () => {
  const paths = Array.from({ length: 50 }, (_, i) =>
    i % 10 === 3 ? `flaky-${i}` : i === 25 ? `slow-${i}` : `ok-${i}`,
  );
  const lengths = await crawl(paths.map(site.url), { pageTimeoutMs: 1_000 });
  expect(lengths).toEqual(paths.map((path) => `page /${path}`.length));
  expect(site.state.peak).toBeLessThanOrEqual(4);
  expect(site.state.peak).toBe(4);
  expect(site.state.hits.get("/flaky-3")).toBe(2);
  expect(site.state.hits.get("/slow-25")).toBe(2);
  await until(() => site.state.open === 0);
  expect(taskTree().filter((node) => node.name === "crawl")).toEqual([]);
});

test("a stop of the crawl aborts every request in flight and starts no more", async () => {
  const paths = Array.from({ length: 50 }, (_, i) => `hang-${i}`);
  const task = crawl(paths.map(site.url));
  await until(() => site.state.open === 4);
  await task.stop("Ctrl-C");
  const result = await outcome(task.wait());
  expect(result.ok).toBe(false);
  await until(() => site.state.open === 0);
  expect(site.state.requests).toBe(4);
  expect(site.state.peak).toBe(4);
});

test("a page that keeps failing fails the crawl fast, and the other requests are aborted", async () => {
  const paths = ["broken-0", ...Array.from({ length: 49 }, (_, i) => `hang-${i + 1}`)];
  const result = await outcome(crawl(paths.map(site.url)).wait());
  const error = (result as { error: AggregateError }).error;
  expect(error).toBeInstanceOf(AggregateError);
  expect(error.message).toMatch(/^page: 3 attempts failed; the last: .*broken-0: HTTP 500$/);
  await until(() => site.state.open === 0);
  expect(site.state.peak).toBeLessThanOrEqual(4);
  // The three tries of the broken page and the three pages beside it; nothing after the failure.
  expect(site.state.requests).toBe(6);
});

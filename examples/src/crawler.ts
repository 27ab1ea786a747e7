import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { all, currentSignal, limit, retry, shield, withTimeout } from "@gentletask/primitives";
import { main, taskChain } from "@gentletask/tasks";

/**
 * A crawler, run as `node dist/crawler.js [--slow]`: fetches 50 pages of a
 * small site it serves itself on 127.0.0.1, 4 at a time through `limit`,
 * each within a deadline and with retries. Every 7th page fails once and is
 * retried. With `--slow` no page ever answers, so Ctrl-C (SIGINT) finds 4
 * requests in flight and 46 queued: `main()` stops the crawl, the requests
 * are aborted, the queued calls leave the queue without running, and the
 * program exits with 130.
 */
const slow = process.argv.includes("--slow");
const PAGES = 50;

async function startSite() {
  // `inFlight` counts requests, not connections: fetch keeps idle connections open for reuse.
  const site = { url: "", inFlight: 0, peak: 0, requests: 0, close: async () => {} };
  const hits = new Map<string, number>();
  const server = createServer((request, response) => {
    site.requests += 1;
    site.inFlight += 1;
    site.peak = Math.max(site.peak, site.inFlight);
    response.on("close", () => {
      site.inFlight -= 1;
    });
    const hit = (hits.get(request.url ?? "") ?? 0) + 1;
    hits.set(request.url ?? "", hit);
    if (site.requests === 4 && slow) console.log("site: 4 requests in flight");
    if (slow) return; // never answers
    const page = Number(request.url?.split("/").pop());
    response.statusCode = page % 7 === 0 && hit === 1 ? 503 : 200;
    setTimeout(() => response.end(`<h1>page ${page}</h1>`), 2 + (page % 5));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  site.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site.close = async () => {
    server.closeAllConnections();
    server.close();
    await once(server, "close");
  };
  return site;
}

/** One page: a few tries, each within 2 s; the task's signal aborts the request on a stop. */
function fetchPage(url: string) {
  return retry(
    () =>
      withTimeout(2_000, async () => {
        const response = await fetch(url, { signal: currentSignal() });
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return (await response.text()).length;
      }),
    {
      attempts: 3,
      minDelayMs: 20,
      jitter: true,
      name: "fetch",
      onRetry: (error) => console.log(`${taskChain().join(" > ")}: retrying after ${error}`),
    },
  );
}

await main(
  async () => {
    const site = await startSite();
    try {
      const pages = limit(4); // at most 4 requests at once
      const urls = Array.from({ length: PAGES }, (_, i) => `${site.url}/page/${i}`);
      console.log(`crawling ${urls.length} pages, 4 at a time`);
      const sizes = await all(
        urls.map((url) => () => pages(fetchPage, url)),
        { name: "crawl" },
      );
      const bytes = sizes.reduce((sum, size) => sum + size, 0);
      console.log(`crawled ${sizes.length} pages, ${bytes} bytes, at most ${site.peak} at once`);
    } finally {
      await shield(() => site.close());
      console.log(`site closed after ${site.requests} requests`);
    }
  },
  { name: "crawler" },
);

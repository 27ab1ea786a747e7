import { get, type IncomingMessage } from "node:http";
import { currentSignal, mapConcurrent, retry, withTimeout } from "@gentletask/primitives";

// node:http, whose abort closes the socket at once (an aborted fetch may keep it for seconds).
async function getText(url: string): Promise<string> {
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    get(url, { signal: currentSignal() }, resolve).on("error", reject);
  });
  let body = "";
  for await (const chunk of response.setEncoding("utf8")) body += chunk;
  if (response.statusCode !== 200) throw new Error(`${url}: HTTP ${response.statusCode}`);
  return body;
}

/** Fetches every page, 4 at a time, each within a deadline and with 3 tries; a stop stops all. */
export function crawl(urls: readonly string[], { concurrency = 4, pageTimeoutMs = 2_000 } = {}) {
  const page = (url: string) => withTimeout(pageTimeoutMs, async () => (await getText(url)).length);
  const tries = { attempts: 3, minDelayMs: 50, jitter: true, name: "page" };
  return mapConcurrent(urls, concurrency, (url) => retry(() => page(url), tries), {
    name: "crawl",
  });
}
// Under main() from @gentletask/tasks, Ctrl-C stops the crawl and every request in it:
// await main(async () => console.log(await crawl(urls)));

import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { CHILD_KILL_MS, CHILD_TEST_MS } from "../../test-support/child-deadlines.ts";

const crawler = fileURLToPath(new URL("../dist/crawler.js", import.meta.url));

test(
  "the crawler fetches 50 pages through limit(4), retrying the ones that fail once",
  () => {
    const { status, stdout, stderr } = spawnSync(process.execPath, [crawler], {
      encoding: "utf8",
      timeout: CHILD_KILL_MS,
    });
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe("crawling 50 pages, 4 at a time");
    const retries = lines.filter((line) => line.includes("retrying after"));
    expect(retries).toHaveLength(8); // pages 0, 7, ..., 49 fail once
    expect(retries[0]).toMatch(
      /^crawler > crawl > crawl\[0\] > fetchPage > fetch: retrying after Error: http:\/\/127\.0\.0\.1:\d+\/page\/0: HTTP 503$/,
    );
    expect(lines.at(-2)).toBe("crawled 50 pages, 790 bytes, at most 4 at once");
    expect(lines.at(-1)).toBe("site closed after 58 requests");
  },
  CHILD_TEST_MS,
);

test(
  "Ctrl-C stops the crawl: the 4 requests in flight are aborted and the 46 queued never start",
  async () => {
    const child = spawn(process.execPath, [crawler, "--slow"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const exited = once(child, "close"); // "exit" can come before the last output is read
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no requests in flight: ${output}`)),
        CHILD_KILL_MS,
      );
      const onData = (chunk: Buffer) => {
        output += chunk.toString("utf8");
        if (output.includes("site: 4 requests in flight")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
    });
    child.kill("SIGINT");
    const [code] = await exited;
    expect(code).toBe(130);
    expect(output).toContain(
      'main: SIGINT received, no shutdown hooks to run\nmain: stopping "crawler" (SIGINT)',
    );
    expect(output.trim().split("\n").at(-1)).toBe("site closed after 4 requests");
  },
  CHILD_TEST_MS,
);

import { readdirSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, expect, test, vi } from "vitest";

// Every ```ts block of the README is one of these files, verbatim, in this
// order; each runs here and prints what its closing comments say.
const examples = [
  "queue-worker.ts",
  "counter.ts",
  "stop-aware-worker.ts",
  "shield-cleanup.ts",
  "timeout-signal.ts",
  "all-and-race.ts",
  "limit.ts",
  "map-concurrent.ts",
  "retry.ts",
  "queue-shutdown.ts",
  "crawler.ts",
];

const readExample = (file: string) =>
  readFileSync(new URL(`./readme-examples/${file}`, import.meta.url), "utf8").trim();

test("the README's code blocks are exactly the example files", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]?.trim());
  expect(blocks).toEqual(examples.map(readExample));
  expect(readdirSync(new URL("./readme-examples/", import.meta.url)).sort()).toEqual(
    [...examples].sort(),
  );
});

let printed: string[];
beforeEach(() => {
  printed = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
    printed.push(
      args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "),
    );
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

test("queue worker", async () => {
  await import("./readme-examples/queue-worker.js");
  expect(printed).toEqual(["handling resize photo", "handling send mail", "true no more work"]);
});

test("counter (the seed's quick start)", async () => {
  await import("./readme-examples/counter.js");
  expect(printed).toHaveLength(2);
  expect(printed[0]).toMatch(/^counter stopped after \d+ ticks$/);
  expect(Number(printed[0]?.split(" ")[3])).toBeGreaterThan(0);
  expect(printed[1]).toBe("isStopped: true");
});

test("stop-aware worker (the seed's primitives example)", async () => {
  await import("./readme-examples/stop-aware-worker.js");
  expect(printed).toEqual(["[10,20,30] true"]);
});

test("shield cleanup", async () => {
  await import("./readme-examples/shield-cleanup.js");
  expect(printed).toEqual(['["goodbye sent"]']);
});

test("withTimeout with currentSignal", async () => {
  await import("./readme-examples/timeout-signal.js");
  expect(printed).toEqual(["true slow call"]);
});

test("all and race", async () => {
  await import("./readme-examples/all-and-race.js");
  expect(printed).toEqual([
    'request > all > loadUser ["book","lamp"]',
    "slow mirror stopped",
    "winner: fast mirror",
  ]);
});

test("limit", async () => {
  await import("./readme-examples/limit.js");
  expect(printed).toEqual([
    "a request-a > query: select a\nb request-b > query: select b\nc request-c > query: select c",
    "queued: 1",
    "queued: 0 running: 2",
  ]);
});

test("mapConcurrent", async () => {
  await import("./readme-examples/map-concurrent.js");
  expect(printed).toEqual([
    '["0:5","1:4","2:5","3:5"]',
    "item 1 stopped",
    "item 3 stopped",
    "item 2 is bad",
  ]);
});

test("retry", async () => {
  await import("./readme-examples/retry.js");
  expect(printed).toEqual([
    "attempt 1: connection refused (connect > connect#1)",
    "attempt 2: connection refused (connect > connect#2)",
    "connected on attempt 3",
  ]);
});

test("Queue#shutdown", async () => {
  await import("./readme-examples/queue-shutdown.js");
  expect(printed).toEqual(["true", '["first","second"]']);
});

test("the crawler exports crawl, which test/crawler.test.ts runs against a real site", async () => {
  const { crawl } = await import("./readme-examples/crawler.js");
  expect(typeof crawl).toBe("function");
  expect(printed).toEqual([]);
});

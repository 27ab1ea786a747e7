import { expect, test } from "vitest";
import { captureLogs, readmeExamples } from "../../../test-support/readme-examples.js";
import { requireBuild } from "./support.js";

const examples = readmeExamples(new URL("../README.md", import.meta.url));

test("each README example is the file the tests run", () => {
  expect(examples.map((example) => example.file)).toEqual([
    "examples/seed-work.mjs",
    "examples/quick-start.ts",
    "examples/thread-task.ts",
    "examples/worker-thread.ts",
    "examples/pool.ts",
  ]);
  for (const example of examples) expect(example.readmeCode).toBe(example.fileCode);
});

test("quick start: a stop reaches a CPU loop in a thread", async () => {
  requireBuild();
  const lines = await captureLogs(() => import("../examples/quick-start.js"));
  expect(lines).toEqual(["primes below 10,000: 1229", "true too slow"]);
});

test("the seed's ThreadTask examples, on real threads", async () => {
  requireBuild();
  const lines = await captureLogs(() => import("../examples/thread-task.js"));
  expect(lines).toEqual(["42", "true", "caught: kaboom", "7", '["adder finished -> 7"]']);
});

test("the seed's WorkerThread example, on a real thread", async () => {
  requireBuild();
  const lines = await captureLogs(() => import("../examples/worker-thread.js"));
  expect(lines).toEqual(['["request_handler","job-a"]', '["job-b"]', "A"]);
});

test("jobs on a Piscina pool", async () => {
  requireBuild();
  const lines = await captureLogs(() => import("../examples/pool.js"));
  expect(lines).toEqual(["[2262,3245,4203]"]);
});

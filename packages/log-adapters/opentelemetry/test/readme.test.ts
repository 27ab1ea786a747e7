import { readdirSync, readFileSync } from "node:fs";
import { inspect } from "node:util";
import { trace } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { expect, test, vi } from "vitest";

// Every ```ts block in the README is a whole example file (its first line
// names it), and every TSDoc @example in src is a run of lines from one, so
// the examples that run here and in two-processes.test.ts are the ones users read.

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const readme = read("../README.md");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] as string);
const exampleFiles = readdirSync(new URL("./examples/", import.meta.url));
const examples = exampleFiles.map((file) => read(`./examples/${file}`));

test("each README code block is exactly one example file, and each example is in the README", () => {
  const named = blocks.map((block) => /^\/\/ ([\w-]+\.ts):/.exec(block)?.[1]);
  expect(named).not.toContain(undefined);
  expect([...named].sort()).toEqual([...exampleFiles].sort());
  for (const [index, block] of blocks.entries()) {
    expect(block, named[index]).toBe(read(`./examples/${named[index]}`));
  }
});

test("each TSDoc @example in src is a run of lines from an example file", () => {
  const trimmedLines = (text: string) => text.split("\n").map((line) => line.trim());
  const exampleLines = examples.map((text) => trimmedLines(text).join("\n"));
  const sources = readdirSync(new URL("../src/", import.meta.url)).map((file) =>
    read(`../src/${file}`),
  );
  let count = 0;
  for (const source of sources) {
    for (const match of source.matchAll(/@example\n \* ```ts\n([\s\S]*?) \* ```/g)) {
      const snippet = trimmedLines((match[1] as string).replace(/^ \* ?/gm, "").trimEnd()).join(
        "\n",
      );
      expect(
        exampleLines.some((lines) => lines.includes(snippet)),
        snippet,
      ).toBe(true);
      count++;
    }
  }
  expect(count).toBe(8);
});

test("spans.ts prints what its comment says", async () => {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await import("./examples/spans.js");
    expect(log.mock.calls).toEqual([[{ "gentletask.throughline": ["checkout", "charge-card"] }]]);
  } finally {
    log.mockRestore();
  }
  const printed = /\n\/\/ (\{.*\})\n$/.exec(read("./examples/spans.ts"))?.[1];
  expect(printed).toBe(inspect({ "gentletask.throughline": ["checkout", "charge-card"] }));
});

test("options.ts prints what its comments say", async () => {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await import("./examples/options.js");
    expect(log.mock.calls).toEqual([
      [{ "gentletask.throughline": [] }],
      [[{ name: "checkout" }, { name: "charge-card" }]],
    ]);
  } finally {
    log.mockRestore();
  }
  const printed = [...read("./examples/options.ts").matchAll(/\n\/\/ ([{[].*)\n/g)].map(
    (m) => m[1],
  );
  expect(printed).toEqual([
    inspect({ "gentletask.throughline": [] }),
    inspect([{ name: "checkout" }, { name: "charge-card" }]),
  ]);
});

test("attributes.ts gives the span the attribute its comment says, with no processor", async () => {
  const exporter = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
  );
  try {
    const { nightlyReport } = await import("./examples/attributes.js");
    nightlyReport();
    expect(exporter.getFinishedSpans().map((span) => span.attributes)).toEqual([
      { "gentletask.throughline": ["nightly-report"] },
    ]);
  } finally {
    trace.disable();
  }
});

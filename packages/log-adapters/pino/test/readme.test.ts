import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { CHILD_TEST_MS } from "../../../../test-support/child-deadlines.ts";
import { readmeExamples } from "../../../../test-support/readme-examples.ts";
import { runExample } from "./support/run-example.js";

const readme = new URL("../README.md", import.meta.url);

/** The README's sample output blocks: `<!-- output: examples/x.ts -->` then a ```jsonl block of lines. */
function sampleOutputs(): Map<string, string[]> {
  const text = readFileSync(readme, "utf8");
  const samples = new Map<string, string[]>();
  for (const match of text.matchAll(/<!-- output: (\S+) -->\s*```jsonl\n([\s\S]*?)```/g)) {
    samples.set(match[1] as string, (match[2] as string).trim().split("\n"));
  }
  return samples;
}

/** What stays the same from run to run: without time, pid, hostname and the stack's text. */
function stable(line: string): Record<string, unknown> {
  const { time, pid, hostname, ...rest } = JSON.parse(line);
  expect([typeof time, typeof pid, typeof hostname]).toEqual(["number", "number", "string"]);
  if (typeof rest.err?.stack === "string") rest.err.stack = "…";
  return rest;
}

const examples = readmeExamples(readme);

test("the README shows every example file, verbatim, each with its sample output", () => {
  expect(examples.map((example) => example.file).sort()).toEqual([
    "examples/own-mixin.ts",
    "examples/raise-site.ts",
    "examples/setup.ts",
  ]);
  for (const example of examples) expect(example.readmeCode, example.file).toBe(example.fileCode);
  expect([...sampleOutputs().keys()].sort()).toEqual(examples.map((e) => e.file).sort());
});

test.each(examples.map((example) => example.file))(
  "%s runs as a program and prints the README's sample output",
  async (file) => {
    const printed = await runExample(file);
    const sample = sampleOutputs().get(file) ?? [];
    expect(printed.map(stable)).toEqual(sample.map(stable));
  },
  CHILD_TEST_MS,
);

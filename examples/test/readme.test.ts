import { expect, test } from "vitest";
import { readmeExamples } from "../../test-support/readme-examples.ts";

test("the root README shows the example files verbatim", () => {
  const examples = readmeExamples(new URL("../../README.md", import.meta.url));
  expect(examples.map((example) => example.file)).toEqual([
    "examples/src/ten-lines.ts",
    "examples/src/logging.ts",
  ]);
  for (const example of examples) expect(example.readmeCode, example.file).toBe(example.fileCode);
});

import { expect, test } from "vitest";
import { captureLogs, readmeExamples } from "../../../test-support/readme-examples.ts";

const readme = new URL("../README.md", import.meta.url);

const expectedOutput: Record<string, string[]> = {
  "examples/basics.ts": [
    "resize",
    "alice",
    '["abc123","resize"]',
    '{"operation":"abc123","user":"alice"}',
    '{"operation":"resize"}',
  ],
  "examples/required.ts": [
    '[{"name":"ok","extra":"also fine"}]',
    'TypeError: labeled.run: frame is missing required key "name" (stack "labeled" requires "name")',
  ],
  "examples/async-flows.ts": ['[["GET /a","render"],["GET /b","render"]]', "0"],
  "examples/snapshots.ts": ["[]", '["request_handler"] r-42', '["request_handler"]'],
  "examples/bind.ts": ['["subscriber"]'],
  "examples/error-frames.ts": ['["acquisition","calibrate"]'],
};

test("the README shows every example file, verbatim", () => {
  const examples = readmeExamples(readme);
  expect(examples.map((example) => example.file).sort()).toEqual(
    Object.keys(expectedOutput).sort(),
  );
  for (const example of examples) expect(example.readmeCode, example.file).toBe(example.fileCode);
});

test.each(Object.entries(expectedOutput))(
  "%s runs and prints what its comments say",
  async (file, lines) => {
    const logged = await captureLogs(() => import(`../${file}`));
    expect(logged).toEqual(lines);
  },
);

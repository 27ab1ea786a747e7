import { expect, test } from "vitest";
import { captureLogs, readmeExamples } from "../../../test-support/readme-examples.ts";

const readme = new URL("../README.md", import.meta.url);

const expectedOutput: Record<string, string[]> = {
  "examples/quick-start.ts": ["counter ticked: true", "isStopped: true", "AbortError true"],
  "examples/async-task.ts": ["42", "true", "caught: kaboom", "7", '["adder finished -> 7"]'],
  "examples/asynch-synch.ts": ["30", "50", "50", "50"],
  "examples/stop-cascade.ts": [
    '["child cleaned up","parent stopped","detached child kept running"]',
  ],
  "examples/serial-worker.ts": ['["request_handler","job-a"]', '["job-b"]', "A"],
  "examples/manual-multi.ts": ['["up",2]', "false"],
  "examples/custom-task.ts": ['["countdown"]', "true", "liftoff", '["countdown"]', "aborted"],
};

test("the README shows every example file, verbatim", () => {
  // main() examples need a process of their own: see readme-main.test.ts.
  const ownProcess = ["examples/main.ts", "examples/shutdown-phases.ts"];
  const examples = readmeExamples(readme).filter((example) => !ownProcess.includes(example.file));
  for (const file of ownProcess) {
    const shown = readmeExamples(readme).find((example) => example.file === file);
    expect(shown?.readmeCode, file).toBe(shown?.fileCode);
  }
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

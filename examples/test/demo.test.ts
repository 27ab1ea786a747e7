import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

test("the demo tells its story with the throughline on every line", () => {
  const output = execFileSync(
    process.execPath,
    [fileURLToPath(new URL("../dist/demo.js", import.meta.url))],
    {
      encoding: "utf8",
    },
  );
  const lines = output.trim().split("\n").sort();
  expect(lines).toEqual(
    [
      '["acquisition-1"] starting acquisition',
      '["acquisition-1","calibrate"] measuring offset',
      '["acquisition-1"] acquisition complete, offset 0.25',
      '["acquisition-2"] starting acquisition',
      '["acquisition-2","calibrate"] measuring offset',
      '["acquisition-2"] acquisition complete, offset 0.25',
    ].sort(),
  );
});

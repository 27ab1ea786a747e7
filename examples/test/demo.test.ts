import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const run = (file: string) =>
  spawnSync(process.execPath, [fileURLToPath(new URL(`../dist/${file}`, import.meta.url))], {
    encoding: "utf8",
    timeout: 60_000,
  });

test("the demo runs the service, stops it with SIGINT, and tells the story with the throughline", () => {
  const { status, stdout, stderr } = run("demo.js");
  expect(stderr).toBe("");
  expect(status).toBe(0);
  const lines = stdout.split("\n");
  const has = (pattern: RegExp) =>
    expect(
      lines.some((line) => pattern.test(line)),
      String(pattern),
    ).toBe(true);
  // Jobs run as tasks with child tasks; every line says where it comes from.
  has(/^INFO {2}\["job-service","job-1","fetch-reading"\] fetched reading value=/);
  has(/^INFO {2}\["job-service","job-1","calibrate"\] measuring offset$/);
  has(/^INFO {2}\["job-service","reporter"\] reported result job=job-1 value=/);
  has(/^SPAN {2}\["job-service","job-2"\] job-2 [\d.]+ms$/);
  // The live task tree, while job-3 waits on the sensor that never answers.
  has(/^└─ job-3 {2}running {2}\d+\.\ds$/);
  has(/^ {3}└─ fetch-reading {2}running {2}\d+\.\ds$/);
  // SIGINT: the stop cascades, the request is aborted, cleanup runs.
  has(/^main: SIGINT received, stopping "job-service"$/);
  has(/^WARN {2}\["job-service","job-3","fetch-reading"\] request aborted$/);
  has(/^WARN {2}\["job-service","job-3"\] job stopped reason=SIGINT$/);
  has(
    /^INFO {2}\["job-service"\] closed the server, the reporter, the calibrator and the sensors$/,
  );
  has(/exited with code 130 \(SIGINT\)$/);
});

test("the README's short examples print what they promise", () => {
  const short = run("ten-lines.js");
  expect(short.status).toBe(0);
  const lines = short.stdout.trim().split("\n");
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(
    lines.slice(0, -1).every((line) => line === "[ 'acquisition', 'calibrate' ] measuring offset"),
  ).toBe(true);
  expect(lines.at(-1)).toBe("[ 'acquisition', 'calibrate' ] sensor released");

  const logging = run("logging.js");
  expect(logging.status).toBe(0);
  expect(JSON.parse(logging.stdout)).toEqual({
    level: 30,
    throughline: ["acquisition", "calibrate"],
    msg: "measuring offset",
  });
});

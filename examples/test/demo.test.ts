import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { CHILD_KILL_MS, CHILD_TEST_MS } from "../../test-support/child-deadlines.ts";

const run = (file: string) =>
  spawnSync(process.execPath, [fileURLToPath(new URL(`../dist/${file}`, import.meta.url))], {
    encoding: "utf8",
    timeout: CHILD_KILL_MS,
  });

test(
  "the demo runs the service, drains and stops it on SIGINT, and tells the story with the throughline",
  () => {
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
    // Each job is a request's task; the live task tree, while job-3 (slow
    // sensor) and job-4 (the sensor that never answers) are in flight.
    has(/answered 200: \{"id":"job-1","value":[\d.]+\}$/);
    has(/^├─ job-3 {2}running {2}\d+\.\ds$/);
    has(/^└─ job-4 {2}running {2}\d+\.\ds$/);
    has(/^ {3}└─ fetch-reading {2}running {2}\d+\.\ds$/);
    // SIGINT: the server stops accepting, job-3 finishes during the drain,
    // job-4 is stopped when the drain time is up; cleanup runs.
    has(/^main: SIGINT received, running 1 shutdown hook$/);
    has(/^main: draining for up to 1500 ms while in-flight work finishes$/);
    has(/^INFO {2}\["job-service","job-3"\] job done$/);
    has(/^main: drain time of 1500 ms is up, stopping "job-service" \(SIGINT\)/);
    has(/^WARN {2}\["job-service","job-4","fetch-reading"\] request aborted$/);
    has(/^WARN {2}\["job-service","job-4"\] job stopped reason=SIGINT$/);
    has(/job-3 \(slow sensor\) answered 200 during the drain: \{"id":"job-3","value":[\d.]+\}$/);
    has(
      /job-4 \(stuck sensor\) answered 503 once the drain time was up: \{"id":"job-4","stopped":"SIGINT"\}$/,
    );
    has(
      /^INFO {2}\["job-service"\] closed the server, the reporter, the calibrator and the sensors$/,
    );
    // job-3 was done before the stop: its end is logged before the drain ends.
    const index = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    expect(index(/"job-3"\] job done$/)).toBeLessThan(index(/^main: drain time of/));
    expect(index(/^main: drain time of/)).toBeLessThan(index(/"job-4"\] job stopped/));
    has(/exited with code 130 \(SIGINT\)$/);
  },
  CHILD_TEST_MS,
);

test(
  "the README's short examples print what they promise",
  () => {
    const short = run("ten-lines.js");
    expect(short.status).toBe(0);
    const lines = short.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(
      lines
        .slice(0, -1)
        .every((line) => line === "[ 'acquisition', 'calibrate' ] measuring offset"),
    ).toBe(true);
    expect(lines.at(-1)).toBe("[ 'acquisition', 'calibrate' ] sensor released");

    const logging = run("logging.js");
    expect(logging.status).toBe(0);
    expect(JSON.parse(logging.stdout)).toEqual({
      level: 30,
      throughline: ["acquisition", "calibrate"],
      msg: "measuring offset",
    });
  },
  CHILD_TEST_MS,
);

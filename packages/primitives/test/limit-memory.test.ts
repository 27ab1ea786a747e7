import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { requireBuild } from "./built-packages.js";

const run = promisify(execFile);

// In a fresh process with --expose-gc, against the built packages, so the
// heap holds nothing but this check.
test("100,000 queued calls, then one stop of their caller: all settle with Stopped and the limiter holds nothing", async () => {
  requireBuild();
  const script = fileURLToPath(new URL("./fixtures/limit-queued-stop.mjs", import.meta.url));
  const { stdout, stderr } = await run(process.execPath, ["--expose-gc", script, "100000"], {
    timeout: 300_000, // a hang guard: over 100 s on a loaded two-core machine
  });
  expect(stderr).toBe("");
  const report = JSON.parse(stdout);
  expect(report.queued).toBe(100_000);
  expect(report.pendingRightAfterStop).toBe(0);
  expect(report.stopped).toBe(100_000);
  expect(report.held).toEqual({ pending: 0, active: 1 });
  expect(report.activeAtEnd).toBe(0);
  // A queued call left behind holds its task, its gate and its closure: at
  // least 300 bytes each, 30 MB for all of them.
  expect(report.heapGrowth).toBeLessThan(3_000_000);
}, 320_000);

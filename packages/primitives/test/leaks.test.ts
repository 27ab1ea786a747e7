import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { requireBuild } from "./built-packages.js";

const run = promisify(execFile);

// In a fresh process with --expose-gc, against the built packages, so the
// heap holds nothing but this check.
test("1,000,000 sleep(0)s and 1,000,000 Queue gets in one task leave no callbacks, listeners, timers or heap behind", async () => {
  requireBuild();
  const script = fileURLToPath(new URL("./fixtures/million-waits.mjs", import.meta.url));
  const { stdout, stderr } = await run(process.execPath, ["--expose-gc", script, "1000000"], {
    timeout: 300_000, // a hang guard: over 60 s on a loaded two-core machine
  });
  expect(stderr).toBe("");
  const report = JSON.parse(stdout);
  expect(report.customCallbacksAfter).toBe(0);
  expect(report.listenersAfter).toBe(report.listenersBefore);
  for (const kind of ["custom", "spawned"]) {
    expect(report[kind].timersAfter).toBe(report[kind].timersBefore);
    // A leak of even 8 bytes per wait would be 16 MB over 2,000,000 waits.
    expect(report[kind].heapGrowth).toBeLessThan(2_000_000);
  }
  expect(report.warnings).toEqual([]);
}, 320_000);

test("stoppable waits that end by a stop leave nothing on a promise that stays pending", async () => {
  requireBuild();
  const script = fileURLToPath(new URL("./fixtures/stoppable-on-pending.mjs", import.meta.url));
  const { stdout, stderr } = await run(process.execPath, ["--expose-gc", script, "200000"], {
    timeout: 120_000,
  });
  expect(stderr).toBe("");
  const report = JSON.parse(stdout);
  expect(report.waits).toBe(200_000);
  // One reaction per wait, holding the wait and its task, kept over 1 KB a
  // wait (280 MB here). The heap's own working set for 10,000 live tasks a
  // round levels off at about 8 MB, however many rounds run.
  expect(report.heapGrowth).toBeLessThan(20_000_000);
}, 130_000);

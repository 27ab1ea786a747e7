// Runs one step of `npm test` (a command) with its output captured, prints a
// single result line for it, and the captured log only when it failed, so a
// green run is one line per package and step. Tallies what every step
// counted into the closing `N passed, M failed`.
import { spawn } from "node:child_process";

const STEP_TIMEOUT_MS = 15 * 60_000;

// Steps run in process groups of their own, which a Ctrl-C in the terminal
// does not reach: on SIGINT or SIGTERM the running steps' groups are killed
// here, then the run ends with the signal's exit code.
const running = new Set();
let listening = false;
function killRunningOn(signal, code) {
  process.once(signal, () => {
    for (const child of running) killGroup(child);
    process.exit(code);
  });
}
function listenForStops() {
  if (listening) return;
  listening = true;
  killRunningOn("SIGINT", 130);
  killRunningOn("SIGTERM", 143);
}

export class Tally {
  passed = 0;
  failed = 0;

  /** The closing line CI reads; keep its shape exactly. */
  closingLine() {
    return `${this.passed} passed, ${this.failed} failed`;
  }
}

/**
 * Runs `command args` and resolves with `{ ok, output, ms }`. The child runs
 * in its own process group, which is killed when the step outlives its
 * timeout, so nothing the step started is left running.
 */
export function capture(command, args, { cwd, env, timeoutMs = STEP_TIMEOUT_MS } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks = [];
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: process.platform !== "win32",
    });
    listenForStops();
    running.add(child);
    child.stdout.on("data", (chunk) => chunks.push(chunk));
    child.stderr.on("data", (chunk) => chunks.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    const finish = (status, extra = "") => {
      clearTimeout(timer);
      running.delete(child);
      // Whatever the step left behind in its group goes with it.
      if (status !== "error") killGroup(child);
      const output = Buffer.concat(chunks).toString("utf8") + extra;
      resolve({
        ok: status === 0 && !timedOut,
        output: timedOut ? `${output}\n(timed out after ${timeoutMs / 1000} s)\n` : output,
        ms: Date.now() - started,
      });
    };
    child.on("error", (error) => finish("error", `\n${error.message}\n`));
    child.on("close", (status) => finish(status));
  });
}

function killGroup(child) {
  try {
    if (process.platform === "win32") child.kill();
    else process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

const COLUMNS = [9, 15, 24];

/** A result line's label from its columns: runtime, step, and what it ran on. */
function formatLabel(label) {
  if (!Array.isArray(label)) return label;
  return label.map((part, index) => part.padEnd(COLUMNS[index] ?? 0)).join("");
}

/**
 * Prints the result line `<label>  passed  3.1s` (or the counts a test step
 * reports) and, when the step failed, its whole log; adds the step to `tally`:
 * a step that counts tests adds its counts, any other step counts as one.
 */
export function report(tally, labelParts, { ok, output, ms, counts }) {
  const label = formatLabel(labelParts);
  let verdict;
  if (counts === undefined) {
    tally[ok ? "passed" : "failed"] += 1;
    verdict = ok ? "passed" : "FAILED";
  } else {
    // A runner that fails with no failing test (a file that did not load, a
    // crash) still counts as one failure.
    const runnerFailed = !ok && counts.failed === 0;
    tally.passed += counts.passed;
    tally.failed += counts.failed + (runnerFailed ? 1 : 0);
    verdict = `${counts.passed} passed`;
    if (counts.failed > 0) verdict += `, ${counts.failed} FAILED`;
    if (runnerFailed) verdict += ", run FAILED";
  }
  console.log(`${label.padEnd(48)} ${verdict.padEnd(22)} ${seconds(ms).padStart(7)}`);
  if (!ok) {
    console.log(`----- log of ${label.replace(/\s+/g, " ").trim()} -----`);
    process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
    console.log("----- end of log -----");
  }
}

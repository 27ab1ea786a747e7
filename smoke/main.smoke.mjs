import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { test } from "./harness.mjs";

/** How this runtime starts a script of its own kind in a child process. */
function runtimeCommand(file) {
  if (typeof globalThis.Deno !== "undefined") {
    return [process.execPath, ["run", "-A", "--node-modules-dir=manual", file]];
  }
  if (typeof globalThis.Bun !== "undefined") return [process.execPath, ["--no-install", file]];
  return [process.execPath, [file]];
}

// Below the harness's test deadline, so that a hung child is killed and its
// output shown; far above a loaded machine's start-up time for any runtime.
const CHILD_DEADLINE_MS = 60_000;

/**
 * Starts a fixture, calls `onLine` for each line it prints, and resolves with
 * its output and exit status; a child still running past the deadline is
 * killed and the test fails, so no child outlives the suite.
 */
function runFixture(name, onLine = () => {}) {
  const [command, args] = runtimeCommand(
    fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)),
  );
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let pending = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (text) => {
    stdout += text;
    pending += text;
    let newline = pending.indexOf("\n");
    while (newline >= 0) {
      onLine(pending.slice(0, newline), child);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf("\n");
    }
  });
  child.stderr.on("data", (text) => {
    stderr += text;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} still running after ${CHILD_DEADLINE_MS} ms:\n${stdout}${stderr}`));
    }, CHILD_DEADLINE_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

test("main() stops the program on a real SIGINT: cleanup runs, exit code 130", async () => {
  const result = await runFixture("main-until-signal.mjs", (line, child) => {
    if (line === "ready") child.kill("SIGINT");
  });
  assert.equal(result.stderr, "");
  assert.deepEqual(result.stdout.trim().split("\n"), [
    "ready",
    "main: SIGINT received, no shutdown hooks to run",
    'main: stopping "service" (SIGINT); cleanup may run for up to 10000 ms',
    "cleaned up",
    "main resolved 130",
  ]);
  // Deno reports a child sent SIGINT as killed by it, whatever its exit code.
  if (typeof globalThis.Deno !== "undefined")
    assert.ok(result.code === 130 || result.signal === "SIGINT");
  else assert.equal(result.code, 130);
});

test("a program whose main() body finishes exits on its own with code 0", async () => {
  const result = await runFixture("main-finishes.mjs");
  assert.equal(result.stderr, "");
  assert.deepEqual(result.stdout.trim().split("\n"), ["work done", "main resolved 0"]);
  assert.equal(result.code, 0);
});

test("main() holds the process alive while its root waits on nothing; SIGINT still unwinds it", async () => {
  // Without main()'s hold, Node would end this program at once (exit 13,
  // "unsettled top-level await"), skipping its finally block.
  const result = await runFixture("main-waits-on-nothing.mjs", (line, child) => {
    if (line === "waiting on nothing") child.kill("SIGINT");
  });
  assert.equal(result.stderr, "");
  assert.deepEqual(result.stdout.trim().split("\n"), [
    "waiting on nothing",
    "finally ran",
    "main resolved 130",
  ]);
  if (typeof globalThis.Deno !== "undefined")
    assert.ok(result.code === 130 || result.signal === "SIGINT");
  else assert.equal(result.code, 130);
});

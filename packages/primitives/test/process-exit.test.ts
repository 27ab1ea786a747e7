import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { requireBuild } from "./built-packages.js";

function runFixture(
  name: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    // Generous: the fixtures' long deadlines are a minute; anything under
    // that means nothing kept the event loop alive.
    const killer = setTimeout(() => {
      child.kill();
      reject(new Error(`${name} was still running after 40 s: something kept it alive\n${stderr}`));
    }, 40_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

test("a process whose tasks have all finished exits on its own, with code 0", async () => {
  requireBuild();
  const { code, stdout, stderr } = await runFixture("exits-on-its-own.mjs");
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(JSON.parse(stdout)).toEqual([["a", "b"], null, "TimeoutError"]);
}, 60_000);

test("tasks parked in waits without a deadline hold no timer or handle", async () => {
  requireBuild();
  const { code, stdout, stderr } = await runFixture("parked-forever.mjs");
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout.trim()).toBe("parked");
}, 60_000);

test("a custom task whose removeStopCallback throws does not leave a sleep unsettled", async () => {
  requireBuild();
  const { code, stdout } = await runFixture("sleep-remove-throws.mjs");
  expect(code).toBe(0);
  // The sleep ends on time; the custom task's throw is reported, not swallowed.
  expect(JSON.parse(stdout)).toEqual(["settled", ["removeStopCallback broke"]]);
}, 60_000);

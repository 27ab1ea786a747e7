#!/usr/bin/env node
// Runs every package's tests through turbo, then adds up the per-package
// vitest JSON results into one closing line: `N passed, M failed`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";

const root = new URL("..", import.meta.url);
const packageDirs = ["packages", "packages/log-adapters", "bench-support", "."]
  .flatMap((parent) =>
    parent === "."
      ? ["examples"]
      : !existsSync(new URL(`${parent}/`, root))
        ? []
        : readdirSync(new URL(`${parent}/`, root), { withFileTypes: true })
            .filter((entry) => entry.isDirectory() && entry.name !== "log-adapters")
            .map((entry) => `${parent}/${entry.name}`),
  )
  .filter((dir) => existsSync(new URL(`${dir}/package.json`, root)));

for (const dir of packageDirs) rmSync(new URL(`${dir}/.test-results.json`, root), { force: true });

const turbo = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "test", "--continue", "--concurrency=1", "--log-order=grouped"],
  { cwd: root, stdio: "inherit", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } },
);

let passed = 0;
let failed = 0;
const missing = [];
for (const dir of packageDirs) {
  const file = new URL(`${dir}/.test-results.json`, root);
  const pkg = JSON.parse(readFileSync(new URL(`${dir}/package.json`, root), "utf8"));
  if (!pkg.scripts?.test) continue;
  if (!existsSync(file)) {
    missing.push(dir);
    continue;
  }
  const results = JSON.parse(readFileSync(file, "utf8"));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A file that failed to load has no test results of its own; count it.
  failed += results.testResults.filter(
    (file) => file.status === "failed" && file.assertionResults.length === 0,
  ).length;
}

const failedChecks = (process.argv.find((arg) => arg.startsWith("--failed-checks=")) ?? "")
  .replace("--failed-checks=", "")
  .split(",")
  .filter(Boolean);
if (missing.length > 0) console.log(`no test results from: ${missing.join(", ")}`);
if (failedChecks.length > 0) console.log(`failed checks: ${failedChecks.join(", ")}`);
failed += missing.length + failedChecks.length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(turbo.status === 0 && failed === 0 ? 0 : 1);

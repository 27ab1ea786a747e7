#!/usr/bin/env node
// The two entry points a newcomer uses on a fresh clone, `npm run demo` and
// `npm test`: both install what the workspace needs with the pinned pnpm
// (borrowed through npx when it is not installed), then do their job.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const pinned = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).packageManager;
const pnpmVersion = pinned.replace(/^pnpm@/, "");

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
    ...options,
  });
  return result.status ?? 1;
}

function pnpmCommand() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  if (probe.status === 0 && probe.stdout.trim().split(".")[0] === pnpmVersion.split(".")[0]) {
    return ["pnpm", []];
  }
  return ["npx", ["--yes", `pnpm@${pnpmVersion}`]];
}

const [pnpm, pnpmPrefix] = pnpmCommand();
const pn = (...args) => sh(pnpm, [...pnpmPrefix, ...args]);
const job = process.argv[2];

if (pn("install", "--frozen-lockfile", "--reporter=silent") !== 0) {
  console.error("install failed");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

if (job === "demo") {
  // The build's own chatter would bury the demo's story: show it only if it fails.
  console.log("building the workspace…");
  const build = spawnSync(pnpm, [...pnpmPrefix, "exec", "turbo", "run", "build"], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
  });
  if (build.status !== 0) {
    process.stdout.write(build.stdout ?? "");
    process.stderr.write(build.stderr ?? "");
    process.exit(build.status ?? 1);
  }
  process.exit(pn("--silent", "--filter", "@gentletask/examples", "run", "demo"));
}

if (job === "test") {
  // Every check runs even when an earlier one fails, so one run shows all
  // that is wrong; a failed check counts as a failure in the closing line.
  const checks = [
    ["build", ["exec", "turbo", "run", "build", "--output-logs=errors-only"]],
    ["lint", ["run", "lint"]],
    ["API docs", ["run", "docs"]],
    ["changesets", ["exec", "changeset", "status"]],
    ["typecheck", ["exec", "turbo", "run", "typecheck", "--continue", "--output-logs=errors-only"]],
    [
      "package checks",
      ["exec", "turbo", "run", "check:package", "--continue", "--output-logs=errors-only"],
    ],
  ];
  const failedChecks = [];
  for (const [name, args] of checks) {
    console.log(`\n== ${name}`);
    if (pn(...args) !== 0) failedChecks.push(name);
  }
  console.log("\n== tests");
  const testStatus = sh("node", [
    "scripts/test-all.mjs",
    `--failed-checks=${failedChecks.join(",")}`,
  ]);
  process.exit(testStatus === 0 && failedChecks.length === 0 ? 0 : 1);
}

console.error("usage: node scripts/run.mjs demo|test");
process.exit(2);

#!/usr/bin/env node
// The entry points a newcomer uses on a fresh clone with only Node and npm:
// `npm run demo`, `npm test` and `npm run tarballs`. Each brings the pinned
// pnpm itself (see lib/toolchain.mjs), installs the locked dependencies, then
// does its job, telling the newcomer what it is doing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { packAll } from "./lib/packed-install.mjs";
import { root, toolEnv } from "./lib/toolchain.mjs";

// The packages need Node 20.19 or later (their `engines`); say so before a
// dependency fails deep inside its own code.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`gentletask needs Node 20.19 or later; this is Node ${process.versions.node}.`);
  process.exit(1);
}

const job = process.argv[2];
if (!["demo", "test", "tarballs"].includes(job)) {
  console.error("usage: node scripts/run.mjs demo|test|tarballs");
  process.exit(2);
}

if (job === "test") {
  // test-all installs and reports every step itself, one line each.
  const result = spawnSync(process.execPath, [join(root, "scripts", "test-all.mjs")], {
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
}

/** Runs a step quietly; on failure prints what it said and exits. */
function quietly(command, args, env) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: "utf8" });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    if (result.error) console.error(result.error.message);
    process.exit(result.status ?? 1);
  }
}

const firstRun = !existsSync(join(root, "node_modules", ".modules.yaml"));
if (firstRun) console.log("installing dependencies (first run only)…");
let env;
try {
  env = toolEnv();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
quietly("pnpm", ["install", "--frozen-lockfile", "--reporter=silent"], env);
console.log("building…");
quietly("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"], env);

if (job === "demo") {
  const demo = spawnSync("pnpm", ["--silent", "--filter", "@gentletask/examples", "run", "demo"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  process.exit(demo.status ?? 1);
}

// tarballs: what `npm install` takes until the packages are on the registry.
const destination = join(root, "tarballs");
rmSync(destination, { recursive: true, force: true });
mkdirSync(destination);
const packed = await packAll(destination, env);
if (!packed.ok) {
  process.stdout.write(packed.output);
  process.exit(1);
}
const files = readdirSync(destination).map((name) => relative(root, join(destination, name)));
console.log(`packed into ${relative(process.cwd(), destination) || "."}:\n  ${files.join("\n  ")}`);
console.log(
  "install in your app with: npm install <path to this clone>/tarballs/gentletask-tasks-0.1.0.tgz …",
);

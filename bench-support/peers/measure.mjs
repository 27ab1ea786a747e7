// One measuring process of the peer benchmark (run.mjs starts it once or more
// per Node version). First every contender's implementation is checked at a
// small size (it really waits, really stops, keeps order); any failure ends
// the process with exit code 1 before anything is timed. Then each row runs
// its contenders in alternating order over several rounds, and the medians
// are written as JSON.
//   node --expose-gc measure.mjs [--quick] [--check-only] [--no-scale] [--only=ID,ID] [--json=FILE]
// `--only` keeps the named rows (and drops the scale curve): for profiling one
// row, e.g. `node --expose-gc --cpu-prof measure.mjs --only=serial`.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median } from "../stats.mjs";
import { CASES, SCALE } from "./cases.mjs";
import { checkAll } from "./checks.mjs";
import { now } from "./measuring.mjs";

const args = new Set(process.argv.slice(2));
const option = (name) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const quick = args.has("--quick");
const checkOnly = args.has("--check-only");
const mode = quick ? "quick" : "full";
const began = now();
const findings = [];
const log = (line) => process.stderr.write(`${line}\n`);

/** Stops an Effect chain `depth` deep in a child process with a deadline. */
function probeEffectChain(depth) {
  const script = fileURLToPath(new URL("effect-chain-probe.mjs", import.meta.url));
  const result = spawnSync(process.execPath, [script, String(depth)], {
    encoding: "utf8",
    // Generous: on a busy machine a healthy 500-deep probe has taken 17 s of wall time.
    timeout: 60_000,
  });
  return result.status === 0;
}

/** Runs `fn(n)` for each contender in rotating order, `rounds` times after a warm-up. */
async function alternate(contenders, sizeOf, rounds, warmup = true) {
  const names = Object.keys(contenders);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = warmup ? -1 : 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + Math.max(round, 0)) % names.length]);
    for (const name of order) {
      const n = sizeOf(name);
      const result = await contenders[name](round < 0 ? Math.max(1, Math.ceil(n / 10)) : n, false);
      if (round >= 0) samples[name].push(result);
    }
  }
  return samples;
}

function medians(samples, metrics) {
  const out = {};
  for (const metric of metrics) {
    out[metric] = {};
    for (const [name, list] of Object.entries(samples)) {
      out[metric][name] = median(list.map((sample) => sample[metric]));
    }
  }
  return out;
}

const failures = await checkAll();
if (failures.length > 0) {
  log(`peer benchmark: ${failures.length} correctness check(s) FAILED:\n${failures.join("\n")}`);
  process.exit(1);
}
log(
  `peer benchmark: every contender passed its correctness checks (Node ${process.versions.node})`,
);
if (checkOnly) process.exit(0);

const only = option("only")?.split(",");
const rows = [];
const scale = [];
for (const row of CASES) {
  if (only !== undefined && !only.includes(row.id)) continue;
  const n = row.n[mode];
  const contenders = {};
  const missing = {};
  for (const [name, contender] of Object.entries(row.contenders)) {
    if (contender === undefined) missing[name] = "n/a (not built)";
    else contenders[name] = contender;
  }
  if (row.probe !== undefined && !quick) {
    if (!probeEffectChain(n)) {
      delete contenders[row.probe];
      const manages = [750, 500].find((depth) => probeEffectChain(depth));
      missing[row.probe] = "hangs (stack overflow)";
      findings.push(
        `Effect 4.1 on Node ${process.versions.node}: interrupting a forked chain ${n.toLocaleString("en")} deep never completes ` +
          `(a stack overflow inside the interrupt cascade leaves the process spinning; a fresh process ` +
          (manages !== undefined ? `manages ${manages} deep` : "fails at 500 deep too") +
          "; `--stack-size=3000` lets 1,000 through).",
      );
    }
  }
  log(`  ${row.id} (${n.toLocaleString("en")})…`);
  const samples = await alternate(
    contenders,
    (name) => Math.max(1, Math.round(n * (row.scale?.[name] ?? 1))),
    row.rounds[mode],
    !quick,
  );
  rows.push({
    id: row.id,
    title: row.title.replace("{n}", n.toLocaleString("en")),
    n,
    metrics: row.metrics,
    values: medians(samples, Object.keys(row.metrics)),
    missing,
  });
  save(true);
}

if (!args.has("--no-scale") && only === undefined) {
  const lastMs = {};
  for (const size of SCALE.sizes[mode]) {
    const contenders = {};
    for (const [name, contender] of Object.entries(SCALE.contenders)) {
      if (size === 1_000_000 && !(lastMs[name] < SCALE.millionBudgetMs)) continue;
      contenders[name] = async (n) => {
        const start = now();
        const result = await contender(n);
        if (n === size) lastMs[name] = now() - start;
        return result;
      };
    }
    log(`  scale ${size.toLocaleString("en")}…`);
    const samples = await alternate(contenders, () => size, quick ? 1 : SCALE.rounds[size], false);
    scale.push({ size, values: medians(samples, ["us", "bytes"]) });
  }
}

/** Writes what is measured so far (`partial` until the end), so a process stopped early still leaves its rows. */
function save(partial) {
  const result = {
    node: process.versions.node,
    mode,
    partial,
    rows,
    scale,
    findings,
    seconds: (now() - began) / 1e3,
  };
  const out = option("json");
  if (out !== undefined) writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  else if (!partial) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
save(false);

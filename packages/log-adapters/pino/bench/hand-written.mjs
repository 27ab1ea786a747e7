// pnpm bench, second part: throughlineMixin against mixins a user could write
// by hand that put the same 3-name array on the line, in one process, with
// alternating rounds (bench-support/harness.mjs), medians of CPU time.
//
// - "by hand": `() => ({ throughline: throughline.collect("name") })`, the
//   same array built the plainest way, without our checks (an existing
//   field, the logger's bindings, an error's raise site, non-string names).
// - "constant": returns one 3-name array made up front: no lookup at all,
//   only what pino does with any mixin that adds this field.
//
// The budget (issue 16) is 1.05x the hand-written mixin.
import { throughlineMixin } from "@gentletask/pino";
import { throughline } from "@gentletask/semantic-stack";
import pino from "pino";
import { alternate, printTable } from "../../../../bench-support/harness.mjs";

const rounds = Number(process.env.ROUNDS ?? 9);
const iterations = 100_000;
const budget = 1.05;

const noop = { write() {} };
const names = ["acquisition", "calibrate", "read-sensor"];
const mixins = {
  "by hand": () => ({ throughline: throughline.collect("name") }),
  constant: () => ({ throughline: names }),
};
const setups = {
  "bare (no time, pid, hostname)": [{ base: undefined, timestamp: false }, noop],
  "pino defaults": [{}, noop],
  "defaults, to /dev/null": [{}, pino.destination({ dest: "/dev/null", sync: false })],
};
const calls = [
  ["info('text')", (logger) => logger.info("calibrating sensor")],
  ["info({ fields }, 'text')", (logger) => logger.info({ sensor: 3, offset: 0.25 }, "calibrated")],
];

// CPU time of this process (all its threads), not wall time: on a shared
// machine the time other processes take the core would swamp a 5% budget.
function timePerLine(logger, log) {
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) log(logger);
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1000) / iterations;
}

const depth3 = (fn) =>
  throughline.run({ name: "acquisition" }, () =>
    throughline.run({ name: "calibrate" }, () => throughline.run({ name: "read-sensor" }, fn)),
  );

// The check that the baselines are fair: all three write the same line.
function lineOf(mixin) {
  let written = "";
  const logger = pino(
    { base: undefined, timestamp: false, mixin },
    { write: (s) => (written = s) },
  );
  depth3(() => logger.info("same line?"));
  return written;
}
const ours = lineOf(throughlineMixin());
for (const [label, mixin] of Object.entries(mixins)) {
  if (lineOf(mixin) !== ours) throw new Error(`the "${label}" mixin writes a different line`);
}

const rows = [];
await depth3(async () => {
  for (const [setupLabel, [options, destination]] of Object.entries(setups)) {
    const mixin = pino({ ...options, mixin: throughlineMixin() }, destination);
    for (const [baseLabel, baseMixin] of Object.entries(mixins)) {
      const base = pino({ ...options, mixin: baseMixin }, destination);
      for (const [callLabel, log] of calls) {
        const r = await alternate(
          rounds,
          () => timePerLine(base, log),
          () => timePerLine(mixin, log),
        );
        rows.push({
          label: `vs ${baseLabel}, ${setupLabel}: ${callLabel}`,
          ...r,
          unit: "ns",
          budget: baseLabel === "by hand" ? budget : undefined,
        });
      }
    }
  }
});
printTable(
  `throughlineMixin vs a hand-written mixin, 3-deep chain, medians of ${rounds} rounds x ${iterations} lines`,
  rows,
);

// pnpm bench: one pino log line with throughlineMixin inside a 3-deep chain,
// against the same pino logger without the mixin, in one process. All write
// to a no-op destination, so the figures are pino's own work plus ours, and
// then once more to pino.destination('/dev/null') (sonic-boom, asynchronous),
// what pino's own benchmarks write to: a line's cost in a real application.
//
// "floor" is a mixin that returns a constant 3-name array: what any mixin
// adding this field costs (pino serializes the array with JSON.stringify on
// every line). mixin / floor is what our own code adds on top of that.
import { throughlineMixin } from "@gentletask/pino";
import { throughline } from "@gentletask/semantic-stack";
import pino from "pino";
import { median, verdict } from "../../../../bench-support/harness.mjs";

const rounds = Number(process.env.ROUNDS ?? 15);
const iterations = 100_000;
const budget = 1.3;

const noop = { write() {} };
const names = ["acquisition", "calibrate", "read-sensor"];
const floorMixin = () => ({ throughline: names });
const devNull = pino.destination({ dest: "/dev/null", sync: false });
const setups = {
  "bare (no time, pid, hostname)": [{ base: undefined, timestamp: false }, noop],
  "pino defaults": [{}, noop],
  "defaults, to /dev/null": [{}, devNull],
};
const calls = [
  ["info('text')", (logger) => logger.info("calibrating sensor")],
  ["info({ fields }, 'text')", (logger) => logger.info({ sensor: 3, offset: 0.25 }, "calibrated")],
];

const now = () => process.hrtime.bigint();
function timePerLine(logger, log) {
  const start = now();
  for (let i = 0; i < iterations; i++) log(logger);
  return Number(now() - start) / iterations;
}

function compare(loggers, log) {
  for (const logger of Object.values(loggers)) timePerLine(logger, log);
  const times = { plain: [], floor: [], mixin: [] };
  const ratios = [];
  const overFloor = [];
  // Alternate the three so machine noise hits them alike.
  for (let round = 0; round < rounds; round++) {
    const p = timePerLine(loggers.plain, log);
    const f = timePerLine(loggers.floor, log);
    const m = timePerLine(loggers.mixin, log);
    times.plain.push(p);
    times.floor.push(f);
    times.mixin.push(m);
    ratios.push(m / p);
    overFloor.push(m / f);
  }
  return {
    plain: median(times.plain),
    floor: median(times.floor),
    mixin: median(times.mixin),
    ratio: median(ratios),
    overFloor: median(overFloor),
  };
}

const depth3 = (fn) =>
  throughline.run({ name: "acquisition" }, () =>
    throughline.run({ name: "calibrate" }, () => throughline.run({ name: "read-sensor" }, fn)),
  );

console.log(
  `@gentletask/pino (Node ${process.versions.node}), 3-deep chain, medians of ${rounds} rounds x ${iterations} lines, ns per line`,
);
console.log(
  `${"logger / call".padEnd(52)} ${"no mixin".padStart(8)} ${"floor".padStart(6)} ${"mixin".padStart(6)} ${"ratio".padStart(6)} ${"/floor".padStart(6)}  budget`,
);
depth3(() => {
  for (const [setupLabel, [options, destination]] of Object.entries(setups)) {
    const loggers = {
      plain: pino(options, destination),
      floor: pino({ ...options, mixin: floorMixin }, destination),
      mixin: pino({ ...options, mixin: throughlineMixin() }, destination),
    };
    for (const [callLabel, log] of calls) {
      const r = compare(loggers, log);
      const result = verdict(r.ratio, budget);
      console.log(
        `${`${setupLabel}: ${callLabel}`.padEnd(52)} ${r.plain.toFixed(0).padStart(8)} ${r.floor.toFixed(0).padStart(6)} ${r.mixin.toFixed(0).padStart(6)} ${r.ratio.toFixed(2).padStart(6)} ${r.overFloor.toFixed(2).padStart(6)}  ${result}`,
      );
    }
  }
});

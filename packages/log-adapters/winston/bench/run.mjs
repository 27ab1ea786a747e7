// pnpm bench: one winston log line with throughlineMeta + throughlineFormat
// inside a 3-deep chain, against the same winston logger without them, in
// one process. All write JSON to a transport that does nothing.
//
// "floor" is the plain logger with a constant 3-name array in its
// defaultMeta: what writing this field costs at all (json() serializes it on
// every line). traced / floor is what our capture and format add on top.
import { throughline } from "@gentletask/semantic-stack";
import { throughlineFormat, throughlineMeta } from "@gentletask/winston";
import winston from "winston";
import { median, verdict } from "../../../../bench-support/harness.mjs";

const rounds = Number(process.env.ROUNDS ?? 15);
const iterations = 20_000;
const budget = 1.3;

class NoopTransport extends winston.Transport {
  log(_info, callback) {
    callback();
  }
}
const logger = (defaultMeta, format) =>
  winston.createLogger({ defaultMeta, format, transports: [new NoopTransport()] });
const loggers = {
  plain: logger({ service: "lab" }, winston.format.json()),
  floor: logger(
    { service: "lab", throughline: ["acquisition", "calibrate", "read-sensor"] },
    winston.format.json(),
  ),
  traced: logger(
    throughlineMeta({ service: "lab" }),
    winston.format.combine(throughlineFormat(), winston.format.json()),
  ),
};
const cases = [
  ["info('text')", (logger) => logger.info("calibrating sensor")],
  ["info('text', { meta })", (logger) => logger.info("calibrated", { sensor: 3, offset: 0.25 })],
];

const now = () => process.hrtime.bigint();
function timePerLine(logger, log) {
  const start = now();
  for (let i = 0; i < iterations; i++) log(logger);
  return Number(now() - start) / iterations;
}

function compare(log) {
  for (const each of Object.values(loggers)) timePerLine(each, log);
  const times = { plain: [], floor: [], traced: [] };
  const ratios = [];
  const overFloor = [];
  // Alternate the three so machine noise hits them alike.
  for (let round = 0; round < rounds; round++) {
    for (const [name, each] of Object.entries(loggers)) times[name].push(timePerLine(each, log));
    ratios.push(times.traced[round] / times.plain[round]);
    overFloor.push(times.traced[round] / times.floor[round]);
  }
  return {
    plain: median(times.plain),
    floor: median(times.floor),
    traced: median(times.traced),
    ratio: median(ratios),
    overFloor: median(overFloor),
  };
}

const depth3 = (fn) =>
  throughline.run({ name: "acquisition" }, () =>
    throughline.run({ name: "calibrate" }, () => throughline.run({ name: "read-sensor" }, fn)),
  );

console.log(
  `@gentletask/winston (Node ${process.versions.node}), 3-deep chain, medians of ${rounds} rounds x ${iterations} lines, ns per line`,
);
console.log(
  `${"call".padEnd(26)} ${"plain".padStart(7)} ${"floor".padStart(7)} ${"traced".padStart(7)} ${"ratio".padStart(6)} ${"/floor".padStart(6)}  budget`,
);
depth3(() => {
  for (const [label, log] of cases) {
    const r = compare(log);
    const result = verdict(r.ratio, budget);
    console.log(
      `${label.padEnd(26)} ${r.plain.toFixed(0).padStart(7)} ${r.floor.toFixed(0).padStart(7)} ${r.traced.toFixed(0).padStart(7)} ${r.ratio.toFixed(2).padStart(6)} ${r.overFloor.toFixed(2).padStart(6)}  ${result}`,
    );
  }
});

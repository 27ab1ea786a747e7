import { throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";
import winston from "winston";
import { throughlineFormat, throughlineMeta } from "../src/index.js";
import { nest } from "./support/nest.js";
import { SlowTransport } from "./support/slow-transport.js";

const FLOWS = 200;

/** Logs one line from each of 200 concurrent flows, each with its own chain, through a slow transport. */
async function logFromConcurrentFlows(logger: winston.Logger, transport: SlowTransport) {
  await Promise.all(
    Array.from({ length: FLOWS }, (_, i) =>
      nest(["acquisition", `flow-${i}`], async () => {
        await Promise.resolve();
        logger.info("measured", { flow: i });
      }),
    ),
  );
  await transport.written(FLOWS);
  return transport.lines.filter((line) => {
    const chain = line.throughline as unknown[] | undefined;
    return chain?.[0] !== "acquisition" || chain[1] !== `flow-${line.flow}`;
  });
}

test("under backpressure, every line carries its own flow's chain", async () => {
  const transport = new SlowTransport();
  const logger = winston.createLogger({
    defaultMeta: throughlineMeta(),
    format: winston.format.combine(throughlineFormat(), winston.format.json()),
    transports: [transport],
  });
  const wrong = await logFromConcurrentFlows(logger, transport);
  expect(transport.lines).toHaveLength(FLOWS);
  expect(wrong).toEqual([]);
});

test("the same load proves the test can fail: a format reading the context when it runs gets lines wrong", async () => {
  const transport = new SlowTransport();
  const formatTime = winston.format((info) => {
    info.throughline = throughline.collect("name");
    return info;
  });
  const logger = winston.createLogger({
    format: winston.format.combine(formatTime(), winston.format.json()),
    transports: [transport],
  });
  const wrong = await logFromConcurrentFlows(logger, transport);
  expect(transport.lines).toHaveLength(FLOWS);
  expect(wrong.length).toBeGreaterThan(0);
});

test("so does throughlineFormat without throughlineMeta: the capture is what makes it right", async () => {
  const transport = new SlowTransport();
  const logger = winston.createLogger({
    format: winston.format.combine(throughlineFormat(), winston.format.json()),
    transports: [transport],
  });
  const wrong = await logFromConcurrentFlows(logger, transport);
  expect(wrong.length).toBeGreaterThan(0);
});

test("under backpressure, errors still carry their raise site and child loggers their chain", async () => {
  const transport = new SlowTransport();
  const logger = winston.createLogger({
    defaultMeta: throughlineMeta(),
    format: winston.format.combine(throughlineFormat(), winston.format.json()),
    transports: [transport],
  });
  const child = logger.child({ module: "sensors" });
  await Promise.all(
    Array.from({ length: FLOWS }, (_, i) =>
      nest(["acquisition", `flow-${i}`], async () => {
        await Promise.resolve();
        try {
          nest(["read-sensor"], () => {
            throw new Error(`sensor ${i} offline`);
          });
        } catch (error) {
          // Logged from a different chain than where it was raised.
          nest(["recover"], () => child.error("read failed", { error, flow: i }));
        }
        child.info("carried on", { flow: i });
      }),
    ),
  );
  await transport.written(2 * FLOWS);
  for (const line of transport.lines) {
    const expected =
      line.level === "error"
        ? ["acquisition", `flow-${line.flow}`, "read-sensor"]
        : ["acquisition", `flow-${line.flow}`];
    expect(line.throughline).toEqual(expected);
    expect(line.module).toBe("sensors");
  }
});

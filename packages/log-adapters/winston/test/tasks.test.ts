import { spawn } from "@gentletask/tasks";
import { expect, test } from "vitest";
import winston from "winston";
import { throughlineFormat, throughlineMeta } from "../src/index.js";
import { memoryLogger } from "./support/memory-logger.js";
import { SlowTransport } from "./support/slow-transport.js";

test("lines logged inside real nested tasks carry the task chain, and a task's failure its raise site", async () => {
  const { logger, lines } = memoryLogger();
  const acquisition = spawn(
    async () => {
      logger.info("started");
      await spawn(
        async () => {
          logger.info("measuring offset");
          throw new Error("sensor offline");
        },
        { name: "calibrate" },
      ).wait();
    },
    { name: "acquisition" },
  );
  const failure = await acquisition.wait().catch((error: unknown) => error);
  logger.error("acquisition failed", failure);
  expect(lines.map(({ message, throughline }) => ({ message, throughline }))).toEqual([
    { message: "started", throughline: ["acquisition"] },
    { message: "measuring offset", throughline: ["acquisition", "calibrate"] },
    { message: "acquisition failed sensor offline", throughline: ["acquisition", "calibrate"] },
  ]);
});

test("under backpressure, 200 concurrent real tasks each log their own chain", async () => {
  const transport = new SlowTransport();
  const logger = winston.createLogger({
    defaultMeta: throughlineMeta(),
    format: winston.format.combine(throughlineFormat(), winston.format.json()),
    transports: [transport],
  });
  const tasks = Array.from({ length: 200 }, (_, i) =>
    spawn(
      async () => {
        await spawn(async () => logger.info("measured", { flow: i }), { name: "calibrate" });
      },
      { name: `acquisition-${i}` },
    ),
  );
  await Promise.all(tasks.map((task) => task.wait()));
  await transport.written(200);
  for (const line of transport.lines) {
    expect(line.throughline).toEqual([`acquisition-${line.flow}`, "calibrate"]);
  }
});

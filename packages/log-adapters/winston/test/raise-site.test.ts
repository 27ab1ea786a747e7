import { throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";
import winston from "winston";
import { throughlineFormat } from "../src/index.js";
import { memoryLogger } from "./support/memory-logger.js";
import { nest } from "./support/nest.js";

const RAISED = ["acquisition", "calibrate", "read-sensor"];

async function failDeep(): Promise<Error> {
  try {
    await nest(["acquisition", "calibrate"], async () => {
      await Promise.resolve();
      nest(["read-sensor"], () => {
        throw new Error("sensor offline");
      });
    });
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

test("an error raised deep in nested frames and logged at the top level carries its raise-site chain, however winston is given it", async () => {
  const { logger, lines } = memoryLogger();
  const error = await failDeep();
  expect(throughline.depth).toBe(0);
  logger.error(error);
  logger.error("calibration failed", error);
  logger.error("calibration failed: %s", "again", error);
  // winston accepts an Error as the message at run time; its types say string.
  logger.log({ level: "error", message: error as unknown as string });
  logger.error("with err", { err: error });
  logger.error("with error", { error });
  logger.log("error", error);
  expect(lines.map((line) => line.throughline)).toEqual(Array(7).fill(RAISED));
  expect(lines[1]).toMatchObject({ message: "calibration failed sensor offline" });
});

test("the raise site wins over the chain of the logging code", async () => {
  const { logger, lines } = memoryLogger();
  const error = await failDeep();
  nest(["supervisor"], () => {
    logger.error(error);
    logger.error("restart", error);
  });
  expect(lines.map((line) => line.throughline)).toEqual([RAISED, RAISED]);
});

test("a wrapping error finds the raise site of its cause", async () => {
  const { logger, lines } = memoryLogger();
  const cause = await failDeep();
  nest(["supervisor"], () => logger.error(new Error("run failed", { cause })));
  expect(lines[0]?.throughline).toEqual(RAISED);
});

test("errors keep their raise site through winston's errors() format placed after ours", async () => {
  const { logger, lines } = memoryLogger({
    format: winston.format.combine(
      throughlineFormat(),
      winston.format.errors({ stack: true }),
      winston.format.json(),
    ),
  });
  const error = await failDeep();
  logger.error(error);
  expect(lines[0]).toMatchObject({ message: "sensor offline", throughline: RAISED });
  expect(lines[0]?.stack).toContain("sensor offline");
});

test("a child logger keeps the raise site when the error comes with a message", async () => {
  const { logger, lines } = memoryLogger();
  const error = await failDeep();
  const child = logger.child({ module: "calibration" });
  nest(["supervisor"], () => {
    child.error("failed", error);
    // winston's child() copies an error logged alone into a plain object, so
    // its identity is lost: the line gets the logging call's chain instead.
    child.error(error);
  });
  expect(lines.map((line) => line.throughline)).toEqual([RAISED, ["supervisor"]]);
});

test("an error without a raise site gets the logging call's chain", () => {
  const { logger, lines } = memoryLogger();
  nest(["supervisor"], () => logger.error(new Error("made here, never thrown")));
  logger.error(new Error("outside"));
  expect(lines.map((line) => line.throughline)).toEqual([["supervisor"], undefined]);
});

test("the logged error object is left without our capture", async () => {
  const { logger } = memoryLogger();
  const error = await failDeep();
  logger.error(error);
  expect(Object.getOwnPropertySymbols(error).map(String)).not.toContain(
    "Symbol(gentletask.winston.call-chain.v1)",
  );
});

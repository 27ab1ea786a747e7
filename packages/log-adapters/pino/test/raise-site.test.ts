import { throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";
import { throughlineMixin } from "../src/index.js";
import { memoryLogger } from "./support/memory-logger.js";
import { nest } from "./support/nest.js";

async function failDeep(): Promise<unknown> {
  try {
    await nest(["acquisition", "calibrate"], async () => {
      await Promise.resolve();
      nest(["read-sensor"], () => {
        throw new Error("sensor offline");
      });
    });
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

test("an err raised deep in nested frames and logged at the top level carries its raise-site chain", async () => {
  const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
  const error = await failDeep();
  expect(throughline.depth).toBe(0);
  logger.error(error);
  logger.error({ err: error }, "calibration failed");
  expect(lines.map((line) => line.throughline)).toEqual([
    ["acquisition", "calibrate", "read-sensor"],
    ["acquisition", "calibrate", "read-sensor"],
  ]);
  expect(lines[1]).toMatchObject({ msg: "calibration failed", err: { message: "sensor offline" } });
});

test("the raise site wins over the chain of the logging code", async () => {
  const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
  const error = await failDeep();
  nest(["supervisor"], () => logger.error({ err: error }, "restart"));
  expect(lines[0]?.throughline).toEqual(["acquisition", "calibrate", "read-sensor"]);
});

test("a wrapping error finds the raise site of its cause", async () => {
  const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
  const cause = await failDeep();
  nest(["supervisor"], () => logger.error(new Error("run failed", { cause })));
  expect(lines[0]?.throughline).toEqual(["acquisition", "calibrate", "read-sensor"]);
});

test("an error without a raise site gets the logging code's chain", () => {
  const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
  nest(["supervisor"], () => logger.error(new Error("made here, never thrown")));
  logger.error(new Error("outside"));
  expect(lines.map((line) => line.throughline)).toEqual([["supervisor"], undefined]);
});

test("a non-error err value is logged as usual with the current chain", () => {
  const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
  nest(["supervisor"], () => logger.error({ err: "just text" }, "odd"));
  expect(lines[0]).toMatchObject({ err: "just text", throughline: ["supervisor"] });
});

test("errorKey follows pino's own errorKey option", async () => {
  const { logger, lines } = memoryLogger({
    errorKey: "error",
    mixin: throughlineMixin({ errorKey: "error" }),
  });
  const error = await failDeep();
  nest(["supervisor"], () => {
    logger.error(error);
    logger.error({ error }, "with key");
    logger.error({ err: error }, "other key: not the line's error");
  });
  expect(lines.map((line) => line.throughline)).toEqual([
    ["acquisition", "calibrate", "read-sensor"],
    ["acquisition", "calibrate", "read-sensor"],
    ["supervisor"],
  ]);
});

test("an error raised outside any task and logged there follows includeEmpty", () => {
  const { logger, lines } = memoryLogger({ mixin: throughlineMixin({ includeEmpty: true }) });
  logger.error(new Error("plain"));
  expect(lines[0]?.throughline).toEqual([]);
});

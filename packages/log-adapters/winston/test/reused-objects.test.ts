import { expect, test } from "vitest";
import winston from "winston";
import { throughlineFormat, throughlineMeta } from "../src/index.js";
import { memoryLogger } from "./support/memory-logger.js";
import { nest } from "./support/nest.js";

// Errors that never escaped a task (a socket's, a driver's) have no raise
// site: their lines carry the chain of the log call, every time they are logged.

test("an error logged alone, again from another flow, gets the new flow's chain", () => {
  const { logger, lines } = memoryLogger();
  const error = new Error("connection refused");
  nest(["flow-a"], () => logger.error(error));
  nest(["flow-b"], () => logger.error(error));
  logger.error(error);
  expect(lines.map((line) => line.throughline)).toEqual([["flow-a"], ["flow-b"], undefined]);
});

test("a field the caller put on an error is still kept", () => {
  const { logger, lines } = memoryLogger();
  const error = Object.assign(new Error("tagged"), { throughline: ["set", "by", "caller"] });
  nest(["flow-a"], () => logger.error(error));
  expect(lines[0]?.throughline).toEqual(["set", "by", "caller"]);
});

test("a capture left on an error by a child logger never lands on a later line", () => {
  const { logger, lines } = memoryLogger();
  const error = new Error("upstream timeout");
  nest(["flow-a"], () => logger.child({ request: 1 }).error(error));
  nest(["flow-b"], () => logger.error("retry failed", error));
  nest(["flow-c"], () => logger.warn("giving up", { reason: "x" }, error));
  expect(lines.map((line) => line.throughline)).toEqual([["flow-a"], ["flow-b"], ["flow-c"]]);
});

test("with the format on a transport, a later line never gets an earlier call's chain", () => {
  const raw: string[] = [];
  const logger = winston.createLogger({
    defaultMeta: throughlineMeta(),
    transports: [
      new winston.transports.Console({
        format: winston.format.combine(throughlineFormat(), winston.format.json()),
        log(info: Record<symbol, string>, next: () => void) {
          raw.push(info[Symbol.for("message")] as string);
          next();
        },
      } as never),
    ],
  });
  const error = new Error("disk full");
  nest(["flow-a"], () => logger.error(error));
  nest(["flow-b"], () => logger.error("write failed", error));
  expect(raw.map((line) => JSON.parse(line).throughline)).toEqual([["flow-a"], ["flow-b"]]);
});

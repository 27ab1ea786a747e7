import { spawn } from "@gentletask/tasks";
import { expect, test } from "vitest";
import { throughlineMixin } from "../src/index.js";
import { memoryLogger } from "./support/memory-logger.js";

test("lines logged inside real nested tasks carry the task chain, and a task's failure its raise site", async () => {
  const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
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
  logger.error({ err: failure }, "acquisition failed");
  expect(lines.map(({ msg, throughline }) => ({ msg, throughline }))).toEqual([
    { msg: "started", throughline: ["acquisition"] },
    { msg: "measuring offset", throughline: ["acquisition", "calibrate"] },
    { msg: "acquisition failed", throughline: ["acquisition", "calibrate"] },
  ]);
});

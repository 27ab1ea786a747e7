import assert from "node:assert/strict";
import { throughlineMixin } from "@gentletask/pino";
import { spawn } from "@gentletask/tasks";
import pino from "pino";
import { test } from "./harness.mjs";

test("the pino adapter puts the throughline on every line", async () => {
  const lines = [];
  const destination = { write: (line) => lines.push(JSON.parse(line)) };
  const logger = pino(
    { mixin: throughlineMixin(), base: undefined, timestamp: false },
    destination,
  );
  await spawn(() => spawn(() => logger.info("measuring offset"), { name: "calibrate" }), {
    name: "acquisition",
  });
  logger.info("outside");
  assert.deepEqual(lines, [
    { level: 30, throughline: ["acquisition", "calibrate"], msg: "measuring offset" },
    { level: 30, msg: "outside" },
  ]);
});

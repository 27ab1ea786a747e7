import { throughlineMixin } from "@gentletask/pino";
import { spawn } from "@gentletask/tasks";
import pino from "pino";

const logger = pino({ mixin: throughlineMixin(), base: undefined, timestamp: false });

function calibrate() {
  logger.info("measuring offset");
}

await spawn(() => spawn(calibrate), { name: "acquisition" });
// {"level":30,"throughline":["acquisition","calibrate"],"msg":"measuring offset"}

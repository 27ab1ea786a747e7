import { throughlineMixin } from "@gentletask/pino";
import { throughline } from "@gentletask/semantic-stack";
import pino from "pino";

const logger = pino({ mixin: throughlineMixin() });

async function calibrate() {
  await throughline.run({ name: "acquisition" }, () =>
    throughline.run({ name: "calibrate" }, async () => {
      throw new Error("sensor offline");
    }),
  );
}

try {
  await calibrate();
} catch (err) {
  // Logged at the top level, the line still says where the error was raised.
  logger.error({ err }, "calibration failed");
}

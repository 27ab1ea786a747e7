import { throughline } from "@gentletask/semantic-stack";
import { throughlineFormat, throughlineMeta } from "@gentletask/winston";
import winston from "winston";

const logger = winston.createLogger({
  defaultMeta: throughlineMeta(),
  format: winston.format.combine(throughlineFormat(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

async function calibrate() {
  await throughline.run({ name: "acquisition" }, () =>
    throughline.run({ name: "calibrate" }, async () => {
      throw new Error("sensor offline");
    }),
  );
}

try {
  await calibrate();
} catch (error) {
  // Logged at the top level, the line still says where the error was raised.
  logger.error("calibration failed:", error);
}

import { throughline } from "@gentletask/semantic-stack";
import { throughlineFormat, throughlineMeta } from "@gentletask/winston";
import winston from "winston";

const logger = winston.createLogger({
  defaultMeta: throughlineMeta({ service: "lab" }),
  format: winston.format.combine(throughlineFormat(), winston.format.json()),
  transports: [new winston.transports.Console()],
});

// Tasks from @gentletask/tasks push these frames for you; run() is what they use.
throughline.run({ name: "acquisition" }, () =>
  throughline.run({ name: "calibrate" }, () => {
    logger.info("measuring offset", { sensor: 3 });
  }),
);
logger.info("idle");

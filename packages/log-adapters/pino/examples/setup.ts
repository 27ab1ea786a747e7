import { throughlineMixin } from "@gentletask/pino";
import { throughline } from "@gentletask/semantic-stack";
import pino from "pino";

const logger = pino({ mixin: throughlineMixin() });

// Tasks from @gentletask/tasks push these frames for you; run() is what they use.
throughline.run({ name: "acquisition" }, () =>
  throughline.run({ name: "calibrate" }, () => {
    logger.info("measuring offset");
  }),
);
logger.info("idle");

import { throughlineMixin } from "@gentletask/pino";
import { throughline } from "@gentletask/semantic-stack";
import pino from "pino";

const withThroughline = throughlineMixin();
const logger = pino({
  // Already have a mixin? Call ours from yours and merge the two objects.
  mixin: (mergeObject, level, logger) => ({
    service: "lab",
    ...withThroughline(mergeObject, level, logger),
  }),
});

throughline.run({ name: "acquisition" }, () => logger.info("combined"));

import { expect, test } from "vitest";
import { throughlineMixin } from "../src/index.js";
import { memoryLogger } from "./support/memory-logger.js";
import { nest } from "./support/nest.js";

const mixinWins = (mergeObject: object, mixinObject: object) =>
  Object.assign({}, mergeObject, mixinObject);

test("a throughline in the call's fields is kept", () => {
  const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
  nest(["acquisition"], () => logger.info({ throughline: ["upstream"] }, "given"));
  expect(lines).toEqual([{ level: 30, throughline: ["upstream"], msg: "given" }]);
});

test("a throughline in the call's fields is kept even when the merge strategy lets the mixin win", () => {
  const { logger, lines } = memoryLogger({
    mixin: throughlineMixin(),
    mixinMergeStrategy: mixinWins,
  });
  nest(["acquisition"], () => {
    logger.info({ throughline: ["upstream"] }, "given");
    logger.info("plain");
  });
  expect(lines).toEqual([
    { level: 30, throughline: ["upstream"], msg: "given" },
    { level: 30, throughline: ["acquisition"], msg: "plain" },
  ]);
});

test("a caller can leave the chain off one line with `throughline: undefined` (the caller's fields win)", () => {
  const { logger, lines } = memoryLogger({ mixin: throughlineMixin() });
  nest(["acquisition"], () => logger.info({ throughline: undefined }, "quiet"));
  expect(lines).toEqual([{ level: 30, msg: "quiet" }]);
});

test("a throughline bound on a child logger is kept, and written once", () => {
  const { logger, lines, raw } = memoryLogger({ mixin: throughlineMixin() });
  const remote = logger.child({ throughline: ["checkout", "charge-card"] });
  const deeper = remote.child({ step: 2 });
  nest(["payments-api"], () => {
    remote.info("bound");
    deeper.info("inherited");
    logger.info("root");
  });
  expect(lines).toEqual([
    { level: 30, throughline: ["checkout", "charge-card"], msg: "bound" },
    { level: 30, throughline: ["checkout", "charge-card"], step: 2, msg: "inherited" },
    { level: 30, throughline: ["payments-api"], msg: "root" },
  ]);
  for (const line of raw) expect(line.split('"throughline"')).toHaveLength(2);
});

test("a throughline in pino's base fields is kept", () => {
  const { logger, lines } = memoryLogger({
    base: { throughline: ["service"] },
    mixin: throughlineMixin(),
  });
  nest(["acquisition"], () => logger.info("base"));
  expect(lines).toEqual([{ level: 30, throughline: ["service"], msg: "base" }]);
});

import { boundFieldCheck, type PinoBindingsSource } from "./bound-fields.js";
import { currentChain, raiseSiteChain } from "./chain-names.js";
import { resolveMixinOptions, type ThroughlineMixinOptions } from "./mixin-options.js";

/**
 * A pino `mixin` function (see {@link throughlineMixin}). Its parameters are
 * the ones pino passes: the call's merge object, the level, and the logger.
 *
 * @example
 * ```ts
 * import { type ThroughlineMixin, throughlineMixin } from "@gentletask/pino";
 * import { pino } from "pino";
 *
 * const mixin: ThroughlineMixin = throughlineMixin({ key: "chain" });
 * const logger = pino({ mixin });
 * logger.info("no task, so no chain");
 * ```
 */
export type ThroughlineMixin = (
  mergeObject: object,
  level: number,
  logger?: PinoBindingsSource,
) => Record<string, unknown>;

/**
 * Makes a mixin for `pino({ mixin })` that adds the throughline, the names of
 * the tasks the log call runs in (outermost first), to every line:
 * `"throughline":["acquisition","calibrate"]`.
 *
 * - When the call carries an error (`logger.error(err)` or
 *   `logger.error({ err }, "…")`, under `options.errorKey`), the chain is
 *   where that error was raised, if it remembers (`throughline.errorFrames`).
 * - A field already on the line, from the call's merge object or from the
 *   logger's bindings (`child()`, `base`), is never replaced; this holds
 *   under pino's default `mixinMergeStrategy` and under one that lets the
 *   mixin win, because the mixin then leaves the field out.
 * - Outside any task the field is left out, unless `includeEmpty` is set.
 * - Every call returns a new object, since pino writes into it.
 *
 * @throws TypeError if `options` or one of its fields has the wrong type.
 * @example
 * ```ts
 * import pino from "pino";
 *
 * const logger = pino({ mixin: throughlineMixin() });
 * throughline.run({ name: "acquisition" }, () => logger.info("started"));
 * // {"level":30,…,"throughline":["acquisition"],"msg":"started"}
 * ```
 */
export function throughlineMixin(options?: ThroughlineMixinOptions): ThroughlineMixin {
  const { key, includeEmpty, errorKey } = resolveMixinOptions(options);
  const boundByLogger = boundFieldCheck(key);
  const defaultKey = key === "throughline";
  const defaultErrorKey = errorKey === "err";
  return function throughlineFields(mergeObject, _level, logger) {
    const fields = mergeObject as Record<string, unknown>;
    // Named loads for the default keys: merge objects come in many shapes,
    // and V8 serves a named load of many shapes far faster than a keyed one.
    const existing = defaultKey ? fields.throughline : fields[key];
    if ((existing !== undefined && Object.hasOwn(fields, key)) || boundByLogger(logger)) {
      return {};
    }
    const error = defaultErrorKey ? fields.err : fields[errorKey];
    const chain = (error === undefined ? undefined : raiseSiteChain(error)) ?? currentChain();
    if (chain.length === 0 && !includeEmpty) return {};
    // A literal with a fixed key keeps V8 on its fast path for the default.
    if (defaultKey) return { throughline: chain };
    return { [key]: chain };
  };
}

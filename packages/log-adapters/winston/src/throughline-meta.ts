import { CALL_CHAIN, captureChain } from "./call-chain.js";
import { typeError } from "./describe.js";

/**
 * Makes a `defaultMeta` for `winston.createLogger` that captures the
 * throughline while the log call runs, so {@link throughlineFormat} writes
 * the caller's chain even when winston runs formats later.
 *
 * Why: under transport backpressure winston queues the line and runs its
 * formats later, in whatever async context drains the stream, so a format
 * reading the context then would see someone else's chain. winston reads
 * `defaultMeta` synchronously inside every `logger.<level>()` and
 * `logger.log()` call, getters included; this one stores the chain on the
 * line under a symbol key, which `json()` and other serializers ignore.
 *
 * Your own fields pass through: their property descriptors are copied, so a
 * getter of yours stays a getter. The result is a new object; change
 * `logger.defaultMeta` later, not the object you passed in.
 *
 * @param defaultMeta - your own default metadata, if any.
 * @throws TypeError if `defaultMeta` is neither undefined nor an object.
 * @example
 * ```ts
 * import winston from "winston";
 *
 * const logger = winston.createLogger({
 *   defaultMeta: throughlineMeta({ service: "lab" }),
 *   format: winston.format.combine(throughlineFormat(), winston.format.json()),
 *   transports: [new winston.transports.Console()],
 * });
 * ```
 */
export function throughlineMeta<M extends object = Record<never, never>>(defaultMeta?: M): M {
  if (
    defaultMeta !== undefined &&
    (typeof defaultMeta !== "object" || defaultMeta === null || Array.isArray(defaultMeta))
  ) {
    typeError("throughlineMeta", "defaultMeta", "an object", defaultMeta);
  }
  const meta = Object.defineProperties({}, Object.getOwnPropertyDescriptors(defaultMeta ?? {}));
  // Enumerable, because winston copies defaultMeta with Object.assign, which
  // skips non-enumerable keys; the getter runs inside that copy, in the call.
  Object.defineProperty(meta, CALL_CHAIN, {
    get: captureChain,
    enumerable: true,
    configurable: true,
  });
  return meta as M;
}

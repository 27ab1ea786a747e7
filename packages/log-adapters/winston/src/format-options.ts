import { isArray, readingOptions, typeError } from "./describe.js";

/**
 * Options for {@link throughlineFormat}; `key` and `includeEmpty` mean the same in every gentletask adapter.
 *
 * @example
 * ```ts
 * import winston from "winston";
 *
 * const options: ThroughlineFormatOptions = { key: "chain", includeEmpty: true };
 * const logger = winston.createLogger({
 *   defaultMeta: throughlineMeta(),
 *   format: winston.format.combine(throughlineFormat(options), winston.format.json()),
 *   transports: [new winston.transports.Console()],
 * });
 * logger.info("outside any task"); // {"chain":[],"level":"info","message":"outside any task"}
 * ```
 */
export interface ThroughlineFormatOptions {
  /** The field the chain is written under. Default `"throughline"`. */
  readonly key?: string;
  /** Whether a line logged outside any task gets `[]` (default `false`: no field). */
  readonly includeEmpty?: boolean;
}

/** Validated options with defaults filled in. */
export interface ResolvedFormatOptions {
  readonly key: string;
  readonly includeEmpty: boolean;
}

const WHERE = "throughlineFormat";

/** Validates {@link ThroughlineFormatOptions}. */
export function resolveFormatOptions(
  options: ThroughlineFormatOptions | undefined,
): ResolvedFormatOptions {
  if (options === undefined) return { key: "throughline", includeEmpty: false };
  if (typeof options !== "object" || options === null || isArray(options)) {
    typeError(WHERE, "options", "an object", options);
  }
  return readingOptions(WHERE, () => {
    const key = options.key ?? "throughline";
    if (typeof key !== "string" || key.length === 0) {
      typeError(WHERE, "options.key", "a non-empty string", key);
    }
    const includeEmpty = options.includeEmpty ?? false;
    if (typeof includeEmpty !== "boolean") {
      typeError(WHERE, "options.includeEmpty", "a boolean", includeEmpty);
    }
    return { key, includeEmpty };
  });
}

import { isArray, readingOptions, typeError } from "./describe.js";

/**
 * Options for {@link throughlineMixin}; `key` and `includeEmpty` mean the same in every gentletask adapter.
 *
 * @example
 * ```ts
 * import pino from "pino";
 *
 * const options: ThroughlineMixinOptions = { key: "chain", includeEmpty: true };
 * const logger = pino({ mixin: throughlineMixin(options) });
 * logger.info("outside any task"); // {…,"chain":[],"msg":"outside any task"}
 * ```
 */
export interface ThroughlineMixinOptions {
  /** The field the chain is written under. Default `"throughline"`. */
  readonly key?: string;
  /** Whether a line logged outside any task gets `[]` (default `false`: no field). */
  readonly includeEmpty?: boolean;
  /**
   * Where the log call carries its error; set it to the same value as pino's
   * own `errorKey` option. Default `"err"`, pino's default.
   */
  readonly errorKey?: string;
}

/** Validated options with defaults filled in. */
export interface ResolvedMixinOptions {
  readonly key: string;
  readonly includeEmpty: boolean;
  readonly errorKey: string;
}

const WHERE = "throughlineMixin";

function nonEmptyString(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || value.length === 0) {
    typeError(WHERE, name, "a non-empty string", value);
  }
  return value;
}

/** Validates {@link ThroughlineMixinOptions}. */
export function resolveMixinOptions(
  options: ThroughlineMixinOptions | undefined,
): ResolvedMixinOptions {
  if (options === undefined) return { key: "throughline", includeEmpty: false, errorKey: "err" };
  if (typeof options !== "object" || options === null || isArray(options)) {
    typeError(WHERE, "options", "an object", options);
  }
  return readingOptions(WHERE, () => {
    const key = nonEmptyString("options.key", options.key, "throughline");
    const errorKey = nonEmptyString("options.errorKey", options.errorKey, "err");
    const includeEmpty = options.includeEmpty ?? false;
    if (typeof includeEmpty !== "boolean") {
      typeError(WHERE, "options.includeEmpty", "a boolean", includeEmpty);
    }
    return { key, includeEmpty, errorKey };
  });
}

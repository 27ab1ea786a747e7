import { optionsObject, readingOptions, typeError } from "./describe.js";

/** The attribute name the throughline is written under unless `key` says otherwise. */
export const DEFAULT_THROUGHLINE_KEY = "gentletask.throughline";

/**
 * Options shared by {@link ThroughlineSpanProcessor} and
 * {@link throughlineAttributes}; the same names every gentletask adapter uses.
 *
 * @example
 * ```ts
 * const attributeOptions: ThroughlineAttributeOptions = { key: "gentletask.throughline" };
 * export const processor = new ThroughlineSpanProcessor(attributeOptions);
 * console.log(throughlineAttributes({ ...attributeOptions, includeEmpty: true }));
 * // { 'gentletask.throughline': [] }
 * ```
 */
export interface ThroughlineAttributeOptions {
  /** The attribute name. Default `"gentletask.throughline"`. */
  readonly key?: string;
  /** Whether an empty chain is written as `[]` (default `false`: no attribute). */
  readonly includeEmpty?: boolean;
}

/** Validated options with defaults filled in. */
export interface ResolvedAttributeOptions {
  readonly key: string;
  readonly includeEmpty: boolean;
}

/** Validates attribute options for the function named `where`. */
export function resolveAttributeOptions(
  where: string,
  options: ThroughlineAttributeOptions | undefined,
): ResolvedAttributeOptions {
  const given = optionsObject(where, options);
  return readingOptions(where, () => {
    const key = given.key ?? DEFAULT_THROUGHLINE_KEY;
    if (typeof key !== "string" || key.length === 0) {
      typeError(where, "options.key", "a non-empty string", key);
    }
    const includeEmpty = given.includeEmpty ?? false;
    if (typeof includeEmpty !== "boolean") {
      typeError(where, "options.includeEmpty", "a boolean", includeEmpty);
    }
    return { key, includeEmpty };
  });
}

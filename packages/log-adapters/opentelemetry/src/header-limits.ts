import { optionsObject, rangeError, readingOptions, typeError } from "./describe.js";

/**
 * Bounds on the throughline header, applied when sending and when receiving.
 *
 * @example
 * ```ts
 * const limits: ThroughlineHeaderLimits = { maxHeaderBytes: 4096, maxNames: 64, maxNameLength: 128 };
 * const options: ThroughlinePropagatorOptions = { header: "gentletask-throughline", ...limits };
 * ```
 */
export interface ThroughlineHeaderLimits {
  /** The most bytes the header's value may have. Default 4096. */
  readonly maxHeaderBytes: number;
  /** The most names a chain may have. Default 64. */
  readonly maxNames: number;
  /** The most UTF-16 code units one decoded name may have. Default 128. */
  readonly maxNameLength: number;
}

/** The limits used unless the propagator's options say otherwise. */
export const DEFAULT_HEADER_LIMITS: ThroughlineHeaderLimits = Object.freeze({
  maxHeaderBytes: 4096,
  maxNames: 64,
  maxNameLength: 128,
});

/** The header the chain travels in unless the propagator's `header` option says otherwise. */
export const DEFAULT_THROUGHLINE_HEADER = "gentletask-throughline";

/**
 * Options for {@link ThroughlinePropagator}.
 *
 * @example
 * ```ts
 * const options: ThroughlinePropagatorOptions = { header: "gentletask-throughline", ...limits };
 * const propagator = new ThroughlinePropagator(options);
 * ```
 */
export interface ThroughlinePropagatorOptions extends Partial<ThroughlineHeaderLimits> {
  /** The header's name (an HTTP token; stored lowercase). Default `"gentletask-throughline"`. */
  readonly header?: string;
}

/** Validated propagator options with defaults filled in. */
export interface ResolvedPropagatorOptions extends ThroughlineHeaderLimits {
  readonly header: string;
}

const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
// Past this a "limit" stops limiting anything: a header of a megabyte is an attack.
const LIMIT_CEILING = 1 << 20;

function limit(
  where: string,
  options: Partial<ThroughlineHeaderLimits>,
  name: keyof ThroughlineHeaderLimits,
): number {
  const value = options[name] ?? DEFAULT_HEADER_LIMITS[name];
  if (typeof value !== "number") typeError(where, `options.${name}`, "an integer", value);
  if (!Number.isInteger(value) || value < 1 || value > LIMIT_CEILING) {
    rangeError(where, `options.${name}`, `an integer from 1 to ${LIMIT_CEILING}`, value);
  }
  return value;
}

/** Validates the propagator's options for the function named `where`. */
export function resolvePropagatorOptions(
  where: string,
  options: ThroughlinePropagatorOptions | undefined,
): ResolvedPropagatorOptions {
  const given = optionsObject(where, options);
  return readingOptions(where, () => {
    const header = given.header ?? DEFAULT_THROUGHLINE_HEADER;
    if (typeof header !== "string") typeError(where, "options.header", "a string", header);
    const lower = header.toLowerCase();
    if (!HTTP_TOKEN.test(lower)) {
      typeError(where, "options.header", "an HTTP header name", header);
    }
    return Object.freeze({
      header: lower,
      maxHeaderBytes: limit(where, given, "maxHeaderBytes"),
      maxNames: limit(where, given, "maxNames"),
      maxNameLength: limit(where, given, "maxNameLength"),
    });
  });
}

/**
 * Names a wrong argument's value and type for an error message, without ever
 * throwing itself (a hostile `toString` must not hide the real mistake).
 */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return `${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} (string)`;
    case "symbol":
      return `${value.description === undefined ? "a symbol" : `Symbol(${value.description})`} (symbol)`;
    case "function":
      return "a function";
    case "object":
      return "an object";
    default:
      return `${String(value)} (${typeof value})`;
  }
}

/** Throws the `TypeError` our argument checks share. */
export function typeError(where: string, argument: string, expected: string, got: unknown): never {
  throw new TypeError(`${where}: expected \`${argument}\` to be ${expected}, got ${describe(got)}`);
}

/** Throws the `RangeError` our argument checks share. */
export function rangeError(where: string, argument: string, expected: string, got: unknown): never {
  throw new RangeError(
    `${where}: expected \`${argument}\` to be ${expected}, got ${describe(got)}`,
  );
}

/**
 * Checks a duration in milliseconds: a number, not NaN, not negative.
 * `Infinity` passes; callers that cannot wait forever reject it themselves.
 */
export function checkDuration(where: string, argument: string, value: unknown): number {
  if (typeof value !== "number") typeError(where, argument, "a number of milliseconds", value);
  if (Number.isNaN(value) || value < 0) {
    rangeError(where, argument, "a non-negative number of milliseconds", value);
  }
  return value;
}

/** Reads `options.timeoutMs` of a wait: `Infinity` when absent (wait as long as it takes). */
export function readTimeoutOption(where: string, options: unknown): number {
  if (options === undefined) return Number.POSITIVE_INFINITY;
  if (typeof options !== "object" || options === null) {
    typeError(where, "options", "an object", options);
  }
  const timeoutMs = (options as { timeoutMs?: unknown }).timeoutMs;
  if (timeoutMs === undefined) return Number.POSITIVE_INFINITY;
  return checkDuration(where, "options.timeoutMs", timeoutMs);
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    ((typeof value === "object" && value !== null) || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

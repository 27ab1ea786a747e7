/**
 * Names a wrong argument's value and type for an error message, without ever
 * throwing itself (a hostile `toString` must not hide the real mistake).
 */
export function describe(value: unknown): string {
  if (value === null) return "null";
  try {
    if (Array.isArray(value)) return "an array";
  } catch {
    // Only a revoked Proxy makes `Array.isArray` throw.
    return "a revoked Proxy";
  }
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

/**
 * Runs `read` (which reads from a caller's value) and turns anything it
 * throws (a throwing getter, a revoked Proxy, an iterator that throws) into
 * the `TypeError` our argument checks share, with the original as `cause`.
 */
export function readGuarded<T>(where: string, argument: string, read: () => T): T {
  try {
    return read();
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : describe(cause);
    throw new TypeError(`${where}: could not read \`${argument}\`: ${message}`, { cause });
  }
}

/**
 * Checks an options object: `undefined`, or an object whose own keys are all
 * in `known` (an unknown key, typically a typo, is a `TypeError` naming it).
 * Returns the options as a record, or `undefined`.
 */
export function checkOptions(
  where: string,
  options: unknown,
  known: readonly string[],
): Record<string, unknown> | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== "object" || options === null) {
    typeError(where, "options", "an object", options);
  }
  const keys = readGuarded(where, "options", () => Object.keys(options));
  for (const key of keys) {
    if (!known.includes(key)) {
      throw new TypeError(
        `${where}: unknown option \`${key}\` (known: ${known.map((k) => `\`${k}\``).join(", ")})`,
      );
    }
  }
  return options as Record<string, unknown>;
}

/** Reads an optional string option (e.g. `name`) through {@link readGuarded}. */
export function readStringOption(
  where: string,
  options: Record<string, unknown> | undefined,
  key: string,
): string | undefined {
  if (options === undefined) return undefined;
  const value = readGuarded(where, `options.${key}`, () => options[key]);
  if (value !== undefined && typeof value !== "string") {
    typeError(where, `options.${key}`, "a string", value);
  }
  return value;
}

/** Checks a concurrency: a positive integer, or `Infinity` for no limit. */
export function checkConcurrency(where: string, concurrency: unknown): number {
  if (typeof concurrency !== "number") {
    typeError(where, "concurrency", "a positive integer or Infinity", concurrency);
  }
  if (
    concurrency !== Number.POSITIVE_INFINITY &&
    (!Number.isSafeInteger(concurrency) || concurrency < 1)
  ) {
    rangeError(where, "concurrency", "a positive integer or Infinity", concurrency);
  }
  return concurrency;
}

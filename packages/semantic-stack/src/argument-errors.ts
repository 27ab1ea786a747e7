/**
 * The argument checks and error messages every gentletask package shares:
 * ``TypeError("spawn: expected `fn` to be a function, got 42 (number)")``.
 *
 * @internal Reached through the `@gentletask/semantic-stack/argument-errors`
 *   subpath by gentletask's own packages; not a public API, and not covered
 *   by semver.
 * @packageDocumentation
 */

/** `Array.isArray` throws for a revoked `Proxy`; a wrong argument must still be named. */
function isArray(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Names a wrong argument's value and type for an error message, without ever
 * throwing itself: a hostile value (a revoked `Proxy`, a throwing
 * `toString`) must not hide the real mistake.
 *
 * @internal
 */
export function describe(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return `${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} (string)`;
    case "symbol":
      return `${value.description === undefined ? "a symbol" : `Symbol(${value.description})`} (symbol)`;
    case "function":
      return "a function";
    case "object":
      return isArray(value) ? "an array" : "an object";
    default:
      return `${String(value)} (${typeof value})`;
  }
}

/** Throws the `TypeError` our argument checks share. @internal */
export function typeError(where: string, argument: string, expected: string, got: unknown): never {
  throw new TypeError(`${where}: expected \`${argument}\` to be ${expected}, got ${describe(got)}`);
}

/** Throws the `RangeError` our argument checks share. @internal */
export function rangeError(where: string, argument: string, expected: string, got: unknown): never {
  throw new RangeError(
    `${where}: expected \`${argument}\` to be ${expected}, got ${describe(got)}`,
  );
}

/**
 * Checks a duration in milliseconds: a number, not NaN, not negative.
 * `Infinity` passes; callers that cannot wait forever reject it themselves.
 *
 * @internal
 */
export function checkDuration(where: string, argument: string, value: unknown): number {
  if (typeof value !== "number") typeError(where, argument, "a number of milliseconds", value);
  if (Number.isNaN(value) || value < 0) {
    rangeError(where, argument, "a non-negative number of milliseconds", value);
  }
  return value;
}

/** Checks that `value` is a function. @internal */
export function checkFunction(where: string, argument: string, value: unknown): void {
  if (typeof value !== "function") typeError(where, argument, "a function", value);
}

/** Checks that `value` is undefined or a string. @internal */
export function checkOptionalString(where: string, argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== "string") {
    typeError(where, argument, "a string", value);
  }
}

/** Checks that `value` is undefined or a plain options object (not an array). @internal */
export function checkOptionsObject(where: string, value: unknown): void {
  if (value !== undefined && (typeof value !== "object" || value === null || isArray(value))) {
    typeError(where, "options", "an object", value);
  }
}

/** Whether `value` has a callable `then` (a promise or any other thenable). @internal */
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
 *
 * @internal
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
 *
 * @internal
 */
export function checkOptions(
  where: string,
  options: unknown,
  known: readonly string[],
): Record<string, unknown> | undefined {
  if (options === undefined) return undefined;
  // An array is an object too, but never an options object: `all(work, [1])` is a slip.
  checkOptionsObject(where, options);
  const keys = readGuarded(where, "options", () => Object.keys(options as object));
  for (const key of keys) {
    if (!known.includes(key)) {
      throw new TypeError(
        `${where}: unknown option \`${key}\` (known: ${known.map((k) => `\`${k}\``).join(", ")})`,
      );
    }
  }
  return options as Record<string, unknown>;
}

/** Reads an optional string option (e.g. `name`) through {@link readGuarded}. @internal */
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

/**
 * Reads an options object once: refuses a non-object, an array, a key not in
 * `known` and an object that cannot be read (a revoked `Proxy`, a throwing
 * getter), then reads each known key exactly once, so a getter is not asked
 * twice. Keys given as `undefined` count as not given (absent from the result).
 *
 * @internal
 */
export function readKnownOptions<K extends string>(
  where: string,
  options: unknown,
  known: readonly K[],
): Partial<Record<K, unknown>> {
  if (options === undefined) return {};
  if (readGuarded(where, "options", () => isArrayOrThrow(options))) {
    typeError(where, "options", "an object", options);
  }
  const checked = checkOptions(where, options, known) as Record<string, unknown>;
  const given: Partial<Record<K, unknown>> = {};
  for (const key of known) {
    const value = readGuarded(where, `options.${key}`, () => checked[key]);
    if (value !== undefined) given[key] = value;
  }
  return given;
}

/** `Array.isArray`, letting a revoked `Proxy`'s error through for {@link readGuarded} to name. */
const isArrayOrThrow = (value: unknown): boolean => Array.isArray(value);

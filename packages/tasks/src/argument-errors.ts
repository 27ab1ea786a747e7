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

/** Checks a duration in milliseconds: a number, not NaN, not negative (`Infinity` passes). */
export function checkDuration(where: string, argument: string, value: unknown): number {
  if (typeof value !== "number") typeError(where, argument, "a number of milliseconds", value);
  if (Number.isNaN(value) || value < 0) {
    rangeError(where, argument, "a non-negative number of milliseconds", value);
  }
  return value;
}

/** Checks that `value` is a function. */
export function checkFunction(where: string, argument: string, value: unknown): void {
  if (typeof value !== "function") typeError(where, argument, "a function", value);
}

/** Checks that `value` is undefined or a string. */
export function checkOptionalString(where: string, argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== "string") {
    typeError(where, argument, "a string", value);
  }
}

/** Checks that `value` is undefined or a plain options object. */
export function checkOptionsObject(where: string, value: unknown): void {
  if (
    value !== undefined &&
    (typeof value !== "object" || value === null || Array.isArray(value))
  ) {
    typeError(where, "options", "an object", value);
  }
}

/** Whether `value` has a callable `then` (a promise or any other thenable). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    ((typeof value === "object" && value !== null) || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/**
 * Names a wrong argument's value and type for an error message, without ever
 * throwing itself (a hostile `toString` must not hide the real mistake).
 */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (isArray(value)) return "an array";
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

/** `Array.isArray`, but false for a value it cannot inspect (a revoked `Proxy`) rather than a throw. */
export function isArray(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Runs `read`, which checks the fields of an options object. Our own
 * argument errors pass through; anything else the object throws while it is
 * read (a revoked `Proxy`, a throwing getter) becomes a `TypeError` naming
 * the function, so the caller still learns which argument was wrong.
 */
export function readingOptions<T>(where: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isOurArgumentError(where, error)) throw error;
    let detail = "it threw";
    try {
      detail = error instanceof Error ? error.message : String(error);
    } catch {
      // A thrown value that cannot even be printed: keep the plain words.
    }
    throw new TypeError(`${where}: could not read \`options\`: ${detail}`);
  }
}

function isOurArgumentError(where: string, error: unknown): boolean {
  return (
    (error instanceof TypeError || error instanceof RangeError) &&
    error.message.startsWith(`${where}: `)
  );
}

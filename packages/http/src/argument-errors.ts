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

/**
 * Reads the options object of `where` once, refusing a non-object, a key
 * not in `known`, and an object that cannot be read (a revoked `Proxy`, a
 * throwing getter). Keys given as `undefined` count as not given.
 */
export function readOptions<K extends string>(
  where: string,
  options: unknown,
  known: readonly K[],
): Partial<Record<K, unknown>> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null) {
    typeError(where, "options", "an object", options);
  }
  let keys: string[];
  try {
    if (Array.isArray(options)) typeError(where, "options", "an object", options);
    keys = Object.keys(options);
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith(`${where}:`)) throw error;
    throw new TypeError(`${where}: could not read \`options\`: ${messageOf(error)}`);
  }
  const given: Partial<Record<K, unknown>> = {};
  for (const key of keys) {
    if (!(known as readonly string[]).includes(key)) {
      const shown = JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
      throw new TypeError(
        `${where}: unknown option ${shown} in \`options\` (known: ${known.join(", ")})`,
      );
    }
    let value: unknown;
    try {
      value = (options as Record<string, unknown>)[key];
    } catch (error) {
      throw new TypeError(`${where}: could not read \`options.${key}\`: ${messageOf(error)}`);
    }
    if (value !== undefined) given[key as K] = value;
  }
  return given;
}

function messageOf(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "unprintable error";
  }
}

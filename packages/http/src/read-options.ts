import { checkOptions, readGuarded, typeError } from "@gentletask/semantic-stack/argument-errors";

/**
 * Reads the options object of `where` once, refusing a non-object, an
 * array, a key not in `known`, and an object that cannot be read (a revoked
 * `Proxy`, a throwing getter). Keys given as `undefined` count as not given.
 */
export function readOptions<K extends string>(
  where: string,
  options: unknown,
  known: readonly K[],
): Partial<Record<K, unknown>> {
  if (options === undefined) return {};
  if (readGuarded(where, "options", () => Array.isArray(options))) {
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

import { checkOptionsObject, typeError } from "@gentletask/semantic-stack/argument-errors";

/**
 * Checks an options object: undefined or a plain object whose every own key
 * is one of `known`. A typo (`timeout` for `timeoutMs`) is a `TypeError`
 * naming the key, never silently ignored.
 */
export function checkOptions(where: string, options: unknown, known: readonly string[]): void {
  checkOptionsObject(where, options);
  if (options === undefined) return;
  let keys: string[];
  try {
    keys = Object.keys(options as object);
  } catch {
    // A revoked Proxy: it cannot be read, so it is not an options object.
    typeError(where, "options", "an object", options);
  }
  for (const key of keys) {
    if (!known.includes(key)) {
      throw new TypeError(
        `${where}: unknown option \`${key}\` (known options: ${known.map((k) => `\`${k}\``).join(", ")})`,
      );
    }
  }
}

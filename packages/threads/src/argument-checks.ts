import { existsSync } from "node:fs";
import { isAbsolute } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Names a wrong argument's value and type for an error message, without ever
 * throwing itself (a hostile `toString` must not hide the real mistake).
 */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return `${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)} (string)`;
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

export function typeError(where: string, argument: string, expected: string, got: unknown): never {
  throw new TypeError(`${where}: expected \`${argument}\` to be ${expected}, got ${describe(got)}`);
}

export function rangeError(where: string, argument: string, expected: string, got: unknown): never {
  throw new RangeError(
    `${where}: expected \`${argument}\` to be ${expected}, got ${describe(got)}`,
  );
}

/**
 * Checks an options object (absent, or a plain object with only `known`
 * keys) and returns a plain copy of it, read once: a hostile object (a
 * revoked Proxy, a throwing getter) gets a TypeError naming the option, and
 * nothing later reads the caller's object again.
 */
export function readOptions<T extends object>(
  where: string,
  options: T | undefined,
  known: readonly string[],
): Partial<T> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null)
    typeError(where, "options", "an object", options);
  let keys: string[];
  try {
    if (Array.isArray(options)) typeError(where, "options", "an object", options);
    keys = Object.keys(options);
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith(where)) throw error;
    throw new TypeError(`${where}: could not read \`options\` (${errorText(error)})`, {
      cause: error,
    });
  }
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    if (!known.includes(key)) {
      throw new TypeError(
        `${where}: unknown option \`${key}\` (known options: ${known.map((k) => `\`${k}\``).join(", ")})`,
      );
    }
    try {
      copy[key] = (options as Record<string, unknown>)[key];
    } catch (error) {
      throw new TypeError(`${where}: reading \`options.${key}\` threw (${errorText(error)})`, {
        cause: error,
      });
    }
  }
  return copy as Partial<T>;
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "an unprintable error";
  }
}

export function checkOptionalString(where: string, argument: string, value: unknown): void {
  if (value !== undefined && typeof value !== "string")
    typeError(where, argument, "a string", value);
}

/** A duration in milliseconds, or `undefined`: a number, not NaN, not negative (`Infinity` passes). */
export function checkOptionalDuration(where: string, argument: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "number") typeError(where, argument, "a number of milliseconds", value);
  if (Number.isNaN(value) || value < 0) {
    rangeError(where, argument, "a non-negative number of milliseconds", value);
  }
}

export function checkExportName(where: string, exportName: unknown): string {
  if (typeof exportName !== "string" || exportName === "") {
    typeError(
      where,
      "exportName",
      "the name of an exported function (a non-empty string)",
      exportName,
    );
  }
  return exportName;
}

/**
 * The module a thread imports, as a `file:` URL string. A function cannot
 * cross to a thread, so work is named by module and export; the module must
 * exist now, so that a typo fails before a thread starts.
 */
export function moduleHref(where: string, module: unknown): string {
  let url: URL | undefined;
  if (module instanceof URL) url = module;
  else if (typeof module === "string") {
    if (module.startsWith("file:")) url = new URL(module);
    else if (isAbsolute(module)) url = pathToFileURL(module);
  }
  if (url === undefined) {
    typeError(
      where,
      "module",
      "a file URL or an absolute path (e.g. new URL('./work.js', import.meta.url))",
      module,
    );
  }
  if (url.protocol !== "file:") typeError(where, "module", "a file: URL", url.href);
  // A module that existed once is taken to exist: jobs name the same few
  // modules again and again, and a file system call per job shows.
  if (knownModules.has(url.href)) return url.href;
  if (!existsSync(fileURLToPath(url))) {
    throw new TypeError(
      `${where}: expected \`module\` to name an existing file, got ${JSON.stringify(url.href)} (no such file)`,
    );
  }
  if (knownModules.size < 1024) knownModules.add(url.href);
  return url.href;
}

const knownModules = new Set<string>();

/** Checks `args` and `transfer`; without a transfer list, also that `args` can be cloned. */
export function checkArgs(where: string, args: unknown, transfer: unknown): readonly unknown[] {
  if (args !== undefined && !Array.isArray(args))
    typeError(where, "options.args", "an array", args);
  if (transfer !== undefined && !Array.isArray(transfer)) {
    typeError(where, "options.transfer", "an array of transferable objects", transfer);
  }
  const list = (args ?? []) as unknown[];
  // With a transfer list a trial clone would detach the buffers; the thread's
  // own post reports what cannot be cloned then.
  if (transfer === undefined || (transfer as unknown[]).length === 0) {
    try {
      structuredClone(list);
    } catch (error) {
      throw uncloneable(where, error);
    }
  }
  return list;
}

/** The TypeError for arguments that structured clone refused. */
export function uncloneable(where: string, error: unknown): TypeError {
  const detail = errorText(error);
  return new TypeError(
    `${where}: expected \`options.args\` to be cloneable by structured clone (functions, sockets and class instances with private state cannot cross to a thread), got one that is not: ${detail}`,
    { cause: error },
  );
}

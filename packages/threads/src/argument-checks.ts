import { existsSync } from "node:fs";
import { isAbsolute } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  checkDuration,
  readKnownOptions,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";

export {
  checkOptionalString,
  describe,
  rangeError,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";

/**
 * Reads an options object once through the shared `readKnownOptions`
 * (absent, or a plain object with only `known` keys; a hostile object gets a
 * TypeError naming the option), typed as the caller's options.
 */
export function readOptions<T extends object>(
  where: string,
  options: T | undefined,
  known: readonly string[],
): Partial<T> {
  return readKnownOptions(where, options, known) as Partial<T>;
}

function errorText(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "an unprintable error";
  }
}

/** A duration in milliseconds, or `undefined`: a number, not NaN, not negative (`Infinity` passes). */
export function checkOptionalDuration(where: string, argument: string, value: unknown): void {
  if (value !== undefined) checkDuration(where, argument, value);
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

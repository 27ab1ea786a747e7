import { checkDuration, typeError } from "./argument-errors.js";

/**
 * Options for {@link main}.
 *
 * @example
 * ```ts
 * await main(service, { name: "api", drainMs: 5_000, shutdownTimeoutMs: 10_000 });
 * ```
 */
export interface MainOptions {
  /** The root task's name on the throughline; default `fn.name`, else `"main"`. */
  readonly name?: string;
  /**
   * How long the cleanup after the stop may last, in milliseconds; past it
   * the process exits at once, printing the tasks still running. Default
   * 10,000; `Infinity` waits for ever (a second signal still forces).
   */
  readonly shutdownTimeoutMs?: number;
  /**
   * How long in-flight work may go on finishing by itself after the first
   * SIGINT or SIGTERM, before everything still running is stopped, in
   * milliseconds. The drain ends sooner once every promise the
   * {@link onShutdown} hooks returned has settled. Default 0: no drain.
   */
  readonly drainMs?: number;
  /** Whether to set `process.exitCode` when the root task ends; default `true`. */
  readonly setExitCode?: boolean;
  /** Where `main` writes what it has to say (phases, failures, task trees); default standard error. */
  readonly write?: (text: string) => void;
}

/** The options {@link main} runs with, every default filled in. */
export interface ResolvedMainOptions {
  readonly name: string;
  readonly shutdownTimeoutMs: number;
  readonly drainMs: number;
  readonly setExitCode: boolean;
  readonly write: (text: string) => void;
}

const KNOWN = ["name", "shutdownTimeoutMs", "drainMs", "setExitCode", "write"] as const;

/**
 * Reads each option exactly once (a getter is not asked twice), checks it,
 * and fills in the defaults; throws a `TypeError`/`RangeError` naming `main`
 * and the option, before `main` has done anything.
 */
export function resolveMainOptions(fn: () => unknown, options: unknown): ResolvedMainOptions {
  const given = readOwnOptions(options);
  const name = given.name ?? (fn.name === "" ? "main" : fn.name);
  if (typeof name !== "string") typeError("main", "options.name", "a string", name);
  const shutdownTimeoutMs = checkDuration(
    "main",
    "options.shutdownTimeoutMs",
    "shutdownTimeoutMs" in given ? given.shutdownTimeoutMs : 10_000,
  );
  const drainMs = checkDuration("main", "options.drainMs", "drainMs" in given ? given.drainMs : 0);
  const setExitCode = "setExitCode" in given ? given.setExitCode : true;
  if (typeof setExitCode !== "boolean") {
    typeError("main", "options.setExitCode", "a boolean", setExitCode);
  }
  const write = given.write ?? ((text: string) => process.stderr.write(text));
  if (typeof write !== "function") typeError("main", "options.write", "a function", write);
  return { name, shutdownTimeoutMs, drainMs, setExitCode, write: write as (text: string) => void };
}

/**
 * The options as a plain record of the keys that were given (`undefined`
 * counts as not given), refusing a non-object, an unknown key and an
 * object that cannot be read (a revoked `Proxy`, a throwing getter).
 */
function readOwnOptions(options: unknown): Partial<Record<(typeof KNOWN)[number], unknown>> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null) {
    typeError("main", "options", "an object", options);
  }
  let keys: string[];
  let isArray: boolean;
  try {
    isArray = Array.isArray(options);
    keys = Object.keys(options);
  } catch (error) {
    throw new TypeError(`main: could not read \`options\`: ${messageOf(error)}`);
  }
  if (isArray) typeError("main", "options", "an object", options);
  const given: Partial<Record<(typeof KNOWN)[number], unknown>> = {};
  for (const key of keys) {
    if (!(KNOWN as readonly string[]).includes(key)) {
      const shown = JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
      throw new TypeError(
        `main: unknown option ${shown} in \`options\` (known: ${KNOWN.join(", ")})`,
      );
    }
    let value: unknown;
    try {
      value = (options as Record<string, unknown>)[key];
    } catch (error) {
      throw new TypeError(`main: could not read \`options.${key}\`: ${messageOf(error)}`);
    }
    if (value !== undefined) given[key as (typeof KNOWN)[number]] = value;
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

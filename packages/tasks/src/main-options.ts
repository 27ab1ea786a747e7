import {
  checkDuration,
  readKnownOptions,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";

/**
 * Options for {@link main}.
 *
 * @example
 * ```ts
 * import { sleep } from "@gentletask/primitives";
 * import { main, type MainOptions } from "@gentletask/tasks";
 *
 * const options: MainOptions = { name: "api", drainMs: 5_000, shutdownTimeoutMs: 10_000 };
 * await main(async function service() {
 *   await sleep(Infinity); // until SIGINT or SIGTERM
 * }, options);
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
  const given = readKnownOptions("main", options, KNOWN);
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

/**
 * The part of a pino logger the mixin reads: its bindings (child fields and
 * `base`). Every pino logger is one; the mixin's third argument has this type.
 *
 * @example
 * ```ts
 * import pino from "pino";
 *
 * const source: PinoBindingsSource = pino({ base: undefined }).child({ job: "job-1" });
 * console.log(source.bindings?.()); // { job: "job-1" }
 * ```
 */
export interface PinoBindingsSource {
  /** The fields the logger adds to every line (its `child()` fields and `base`). */
  bindings?(): Record<string, unknown>;
}

/**
 * Answers "do this logger's bindings already carry `key`?", once per logger.
 *
 * pino writes a child's bindings before the line's own fields, so a mixin
 * field with the same name would come later in the JSON and win when the
 * line is parsed. `bindings()` parses JSON, far too slow for every line, so
 * the answer is kept per logger object (each `child()` is a new object).
 * A `setBindings()` call after that logger's first line is not seen.
 */
export function boundFieldCheck(key: string): (logger: unknown) => boolean {
  const answers = new WeakMap<object, boolean>();
  // Most lines come from the logger that logged the line before: remember it
  // to skip the WeakMap lookup. This keeps at most one logger reachable, and
  // only until another one logs.
  let last: object | undefined;
  let lastAnswer = false;
  return (logger) => {
    if (logger === last) return lastAnswer;
    if (typeof logger !== "object" || logger === null) return false;
    let answer = answers.get(logger);
    if (answer === undefined) {
      answer = readBindings(logger as PinoBindingsSource, key);
      answers.set(logger, answer);
    }
    last = logger;
    lastAnswer = answer;
    return answer;
  };
}

function readBindings(logger: PinoBindingsSource, key: string): boolean {
  try {
    const bindings = typeof logger.bindings === "function" ? logger.bindings() : undefined;
    return (
      typeof bindings === "object" &&
      bindings !== null &&
      Object.hasOwn(bindings, key) &&
      bindings[key] !== undefined
    );
  } catch {
    // A logger-like object whose bindings cannot be read has none we must keep.
    return false;
  }
}

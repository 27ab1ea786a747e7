import type { Logform } from "winston";
import { CALL_CHAIN, freshCapture } from "./call-chain.js";
import { currentChain, raiseSiteChain } from "./chain-names.js";
import { resolveFormatOptions, type ThroughlineFormatOptions } from "./format-options.js";
import { loggedError } from "./logged-error.js";
import { withoutCapture } from "./without-capture.js";

/**
 * The chain this package wrote onto an object that is not a fresh line of
 * winston's (an `Error` logged alone is the line itself): when that object is
 * logged again, the field is ours to replace, not the caller's to keep.
 */
const writtenOnto = new WeakMap<object, unknown>();

/**
 * Makes a logform format that adds the throughline, the names of the tasks
 * the log call ran in (outermost first), to each line:
 * `"throughline":["acquisition","calibrate"]`. Put it first in
 * `format.combine(...)` on the logger, before `errors()` and the format
 * that writes the line (`json()`, `printf()`).
 *
 * - The chain is the one {@link throughlineMeta} captured during the log
 *   call. Without that capture it reads the context when the format runs,
 *   which is right only while winston is not queueing lines under
 *   backpressure: use both.
 * - When the line carries an error (see the README for the shapes winston
 *   gives it), the chain is where that error was raised, if it remembers
 *   (`throughline.errorFrames`).
 * - A field already on the line is never replaced.
 * - Outside any task the field is left out, unless `includeEmpty` is set.
 *
 * @throws TypeError if `options` or one of its fields has the wrong type.
 * @example
 * ```ts
 * import winston from "winston";
 *
 * const logger = winston.createLogger({
 *   defaultMeta: throughlineMeta(),
 *   format: winston.format.combine(throughlineFormat(), winston.format.json()),
 *   transports: [new winston.transports.Console()],
 * });
 * await spawn(() => logger.info("measuring offset"), { name: "calibrate" });
 * // {"level":"info","message":"measuring offset","throughline":["calibrate"]}
 * ```
 */
export function throughlineFormat(options?: ThroughlineFormatOptions): Logform.Format {
  const { key, includeEmpty } = resolveFormatOptions(options);
  return {
    options: { key, includeEmpty },
    transform(info) {
      const captured = (info as unknown as Record<PropertyKey, unknown>)[CALL_CHAIN];
      const cleaned = captured === undefined ? info : withoutCapture(info);
      const line = cleaned as unknown as Record<PropertyKey, unknown>;
      const existing = line[key];
      if (existing !== undefined && writtenOnto.get(line) !== existing) return cleaned;
      const error = loggedError(line);
      const chain =
        (error === undefined ? undefined : raiseSiteChain(error)) ??
        freshCapture(captured) ??
        currentChain();
      if (chain.length > 0 || includeEmpty) {
        line[key] = chain;
        if (cleaned === info && Object.getPrototypeOf(line) !== Object.prototype) {
          writtenOnto.set(line, chain);
        }
      } else if (existing !== undefined) {
        // Our own field from an earlier line, on an object logged again.
        delete line[key];
      }
      return cleaned;
    },
  };
}

import { checkDuration, readKnownOptions } from "@gentletask/semantic-stack/argument-errors";

const TIMEOUT_KEYS = ["timeoutMs"] as const;

/**
 * Reads `options.timeoutMs` of a wait: `Infinity` when absent (wait as long
 * as it takes). Any other key (a typo such as `timeout`, which would
 * otherwise mean "forever") is a `TypeError` naming it.
 */
export function readTimeoutOption(where: string, options: unknown): number {
  if (options === undefined) return Number.POSITIVE_INFINITY;
  const { timeoutMs } = readKnownOptions(where, options, TIMEOUT_KEYS);
  if (timeoutMs === undefined) return Number.POSITIVE_INFINITY;
  return checkDuration(where, "options.timeoutMs", timeoutMs);
}

import { checkDuration, typeError } from "@gentletask/semantic-stack/argument-errors";

/** Reads `options.timeoutMs` of a wait: `Infinity` when absent (wait as long as it takes). */
export function readTimeoutOption(where: string, options: unknown): number {
  if (options === undefined) return Number.POSITIVE_INFINITY;
  if (typeof options !== "object" || options === null) {
    typeError(where, "options", "an object", options);
  }
  const timeoutMs = (options as { timeoutMs?: unknown }).timeoutMs;
  if (timeoutMs === undefined) return Number.POSITIVE_INFINITY;
  return checkDuration(where, "options.timeoutMs", timeoutMs);
}

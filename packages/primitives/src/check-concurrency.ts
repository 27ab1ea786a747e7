import { rangeError, typeError } from "@gentletask/semantic-stack/argument-errors";

/** Checks a concurrency: a positive integer, or `Infinity` for no limit. */
export function checkConcurrency(where: string, concurrency: unknown): number {
  if (typeof concurrency !== "number") {
    typeError(where, "concurrency", "a positive integer or Infinity", concurrency);
  }
  if (
    concurrency !== Number.POSITIVE_INFINITY &&
    (!Number.isSafeInteger(concurrency) || concurrency < 1)
  ) {
    rangeError(where, "concurrency", "a positive integer or Infinity", concurrency);
  }
  return concurrency;
}

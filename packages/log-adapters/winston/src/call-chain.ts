import { currentChain } from "./chain-names.js";

/**
 * Where {@link throughlineMeta} leaves the chain it captured during the log
 * call, for {@link throughlineFormat} to pick up when winston runs formats.
 * A symbol, so `JSON.stringify` and winston's `json()` never write it; a
 * registered one, so the meta and the format still meet when two copies of
 * this package end up in one application.
 */
export const CALL_CHAIN: unique symbol = Symbol.for("gentletask.winston.call-chain.v1") as never;

/** The chain one log call captured, and whether a line has used it yet. */
interface Capture {
  readonly chain: string[];
  used: boolean;
}

/** What the getter {@link throughlineMeta} installs returns: a new capture. */
export function captureChain(): Capture {
  return { chain: currentChain(), used: false };
}

/**
 * The chain `value` holds if it is a capture no line has used yet. A capture
 * seen a second time was left behind on an object that outlived its log call
 * (an error that winston wrote `defaultMeta` onto, a copy of the meta
 * object), and would put an old call's chain on a new line.
 */
export function freshCapture(value: unknown): string[] | undefined {
  if (typeof value !== "object" || value === null || !("used" in value)) return undefined;
  const capture = value as Capture;
  if (capture.used || !Array.isArray(capture.chain)) return undefined;
  capture.used = true;
  return capture.chain;
}

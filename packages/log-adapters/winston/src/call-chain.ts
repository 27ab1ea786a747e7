/**
 * Where {@link throughlineMeta} leaves the chain it captured during the log
 * call, for {@link throughlineFormat} to pick up when winston runs formats.
 * A symbol, so `JSON.stringify` and winston's `json()` never write it; a
 * registered one, so the meta and the format still meet when two copies of
 * this package end up in one application.
 */
export const CALL_CHAIN: unique symbol = Symbol.for("gentletask.winston.call-chain.v1") as never;

import type { Context } from "@opentelemetry/api";

/**
 * Where {@link ThroughlinePropagator.extract} keeps the caller's names in an
 * OpenTelemetry `Context`. `Symbol.for` is what `createContextKey` returns, so
 * this needs no runtime import of `@opentelemetry/api`, and every copy of this
 * package reads what another copy extracted.
 */
export const REMOTE_CHAIN_KEY: symbol = Symbol.for("gentletask.opentelemetry.remote-throughline");

/** The names extracted into `context`, frozen, or `undefined`. */
export function remoteNames(context: Context | undefined): readonly string[] | undefined {
  if (context === undefined || context === null || typeof context.getValue !== "function") {
    return undefined;
  }
  const value = context.getValue(REMOTE_CHAIN_KEY);
  // Only what our own extract stored counts: a frozen array of strings.
  return Array.isArray(value) && Object.isFrozen(value) ? (value as readonly string[]) : undefined;
}

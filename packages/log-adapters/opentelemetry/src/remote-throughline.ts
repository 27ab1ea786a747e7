import { throughline } from "@gentletask/semantic-stack";
import type { Context } from "@opentelemetry/api";
import { typeError } from "./describe.js";
import { remoteNames } from "./remote-chain-key.js";

function checkContext(where: string, context: Context): void {
  if (typeof context !== "object" || context === null || typeof context.getValue !== "function") {
    typeError(where, "context", "an OpenTelemetry Context", context);
  }
}

/**
 * The caller's throughline as `{ name }` frames, outermost first, from a
 * context that {@link ThroughlinePropagator} extracted an incoming request
 * into; `[]` when the request carried no chain (or a rejected one). Fresh
 * objects with only a `name` key, ready for `throughline.restore`.
 *
 * @throws TypeError if `context` is not an OpenTelemetry `Context`.
 * @example
 * ```ts
 * const headers = { "gentletask-throughline": "checkout,charge-card" };
 * const incoming = propagator.extract(context.active(), headers, defaultTextMapGetter);
 * console.log(remoteThroughline(incoming));
 * // [ { name: 'checkout' }, { name: 'charge-card' } ]
 * ```
 */
export function remoteThroughline(context: Context): { name: string }[] {
  checkContext("remoteThroughline", context);
  const names = remoteNames(context);
  if (names === undefined) return [];
  return names.map((name) => ({ name }));
}

/**
 * Runs `fn` with the caller's names (extracted into `context` by
 * {@link ThroughlinePropagator}) as the whole throughline, so the frames it
 * pushes come after them: `["checkout", "charge-card", "payments-api"]`.
 * Returns what `fn` returns. When `context` carries no chain, `fn` runs with
 * the throughline as it is.
 *
 * @throws TypeError if `context` is not an OpenTelemetry `Context` or `fn` is
 *   not a function.
 * @example
 * ```ts
 * const incoming = propagation.extract(context.active(), req.headers);
 * context.with(incoming, () => runWithRemoteThroughline(incoming, () => charge(res)));
 * ```
 */
export function runWithRemoteThroughline<T>(context: Context, fn: () => T): T {
  checkContext("runWithRemoteThroughline", context);
  if (typeof fn !== "function") typeError("runWithRemoteThroughline", "fn", "a function", fn);
  const names = remoteNames(context);
  if (names === undefined) return fn();
  return throughline.restore(
    names.map((name) => ({ name })),
    fn,
  );
}

import type { Context, TextMapGetter, TextMapPropagator, TextMapSetter } from "@opentelemetry/api";
import { currentNames } from "./chain-names.js";
import { decodeChain, encodeChain } from "./header-codec.js";
import {
  type ResolvedPropagatorOptions,
  resolvePropagatorOptions,
  type ThroughlinePropagatorOptions,
} from "./header-limits.js";
import { REMOTE_CHAIN_KEY, remoteNames } from "./remote-chain-key.js";

/**
 * A `TextMapPropagator` that carries the throughline's names across a process
 * boundary in one header, so the receiving service's throughline can start
 * with the caller's names. Combine it with W3C trace context in a
 * `CompositePropagator`; it reads and writes only its own header.
 *
 * - Header: `gentletask-throughline` (see the `header` option); the value is
 *   the names, outermost first, each percent-encoded like
 *   `encodeURIComponent`, joined by commas: `checkout,charge-card`.
 * - `inject` writes the current throughline; when that is empty (a service
 *   that forwards a request without restoring its chain), the chain `context`
 *   received. A chain over the limits keeps its outermost and innermost names
 *   around one "…"; control characters become U+FFFD.
 * - `extract` treats the header as hostile: a value over `maxHeaderBytes`,
 *   with more than `maxNames` names, a name over `maxNameLength`, malformed
 *   percent-encoding, control characters, or anything but text is ignored
 *   as a whole, and `extract` never throws. The names go into the returned
 *   context, where {@link runWithRemoteThroughline} and
 *   {@link remoteThroughline} find them; nothing but names ever comes out.
 *
 * The names go to every service you call: treat them as public data.
 *
 * @example
 * ```ts
 * propagation.setGlobalPropagator(
 *   new CompositePropagator({
 *     propagators: [new W3CTraceContextPropagator(), new ThroughlinePropagator()],
 *   }),
 * );
 * ```
 */
export class ThroughlinePropagator implements TextMapPropagator {
  readonly #options: ResolvedPropagatorOptions;
  readonly #fields: readonly string[];

  /**
   * Creates a propagator for the header and limits in `options`.
   *
   * @throws TypeError if `options.header` is not an HTTP header name;
   *   RangeError if a limit is not an integer from 1 to 1048576.
   */
  constructor(options?: ThroughlinePropagatorOptions) {
    this.#options = resolvePropagatorOptions("new ThroughlinePropagator", options);
    this.#fields = Object.freeze([this.#options.header]);
  }

  /** Writes the chain (see the class notes) into `carrier` through `setter`. */
  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    let names: readonly string[] = currentNames();
    if (names.length === 0) names = remoteNames(context) ?? names;
    const value = encodeChain(names, this.#options);
    if (value !== undefined) setter.set(carrier, this.#options.header, value);
  }

  /**
   * Returns `context` with the caller's names from `carrier`, or `context`
   * itself when the header is missing or rejected. Never throws.
   */
  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    let names: readonly string[] | undefined;
    try {
      names = decodeChain(getter.get(carrier, this.#options.header), this.#options);
    } catch {
      // A carrier or getter that throws is as good as a missing header.
      return context;
    }
    return names === undefined ? context : context.setValue(REMOTE_CHAIN_KEY, names);
  }

  /** The one header this propagator reads and writes. */
  fields(): string[] {
    return [...this.#fields];
  }
}

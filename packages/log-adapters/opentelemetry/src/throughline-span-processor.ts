import type { Attributes, Context, Span } from "@opentelemetry/api";
import {
  type ResolvedAttributeOptions,
  resolveAttributeOptions,
  type ThroughlineAttributeOptions,
} from "./attribute-options.js";
import { currentNames } from "./chain-names.js";
import { remoteNames } from "./remote-chain-key.js";

/**
 * A span processor that sets the throughline, `gentletask.throughline: [...names]`,
 * on every span as it starts. `onStart` runs synchronously inside
 * `startSpan`, so it sees the throughline of the code that started the span.
 *
 * - When the throughline is empty but the span's parent context carries a
 *   caller's chain extracted by {@link ThroughlinePropagator} (a server span
 *   started before the handler restores it), that chain is used.
 * - An attribute already set under the same key (through `startSpan`'s
 *   `attributes` or the sampler) is kept. An empty chain sets nothing unless
 *   `includeEmpty`.
 * - It exports nothing: list it before your exporting processor.
 *   `forceFlush` and `shutdown` resolve at once.
 *
 * @example
 * ```ts
 * const provider = new BasicTracerProvider({
 *   spanProcessors: [new ThroughlineSpanProcessor(), new SimpleSpanProcessor(exporter)],
 * });
 * ```
 */
export class ThroughlineSpanProcessor {
  readonly #options: ResolvedAttributeOptions;

  /**
   * Creates a processor that writes the attribute named by `options.key`.
   *
   * @throws TypeError if `options.key` is not a non-empty string or
   *   `options.includeEmpty` is not a boolean.
   */
  constructor(options?: ThroughlineAttributeOptions) {
    this.#options = resolveAttributeOptions("new ThroughlineSpanProcessor", options);
  }

  /** Sets the chain on `span` unless it already has the attribute. */
  onStart(span: Span, parentContext?: Context): void {
    const { key, includeEmpty } = this.#options;
    // The SDK's spans expose what is already set; other spans may not.
    const existing = (span as { attributes?: Attributes }).attributes;
    if (typeof existing === "object" && existing !== null && Object.hasOwn(existing, key)) return;
    let names: readonly string[] = currentNames();
    if (names.length === 0) {
      const remote = remoteNames(parentContext);
      if (remote !== undefined) names = [...remote];
    }
    if (names.length === 0 && !includeEmpty) return;
    span.setAttribute(key, names as string[]);
  }

  /** Nothing to do: attributes were set at start. */
  onEnd(_span: unknown): void {}

  /** Resolves at once: this processor holds nothing. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  /** Resolves at once: this processor holds nothing. */
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

import type { Attributes } from "@opentelemetry/api";
import { resolveAttributeOptions, type ThroughlineAttributeOptions } from "./attribute-options.js";
import { currentNames } from "./chain-names.js";

/**
 * The span attributes for the current throughline: `{ "gentletask.throughline":
 * [...names] }`, or `{}` when the chain is empty (unless `includeEmpty`).
 * A fresh object every call, for `tracer.startSpan(name, { attributes })`,
 * `span.setAttributes(...)`, or a log record's attributes.
 *
 * @throws TypeError if `options.key` is not a non-empty string or
 *   `options.includeEmpty` is not a boolean.
 * @example
 * ```ts
 * throughline.run({ name: "nightly-report" }, () => {
 *   const span = tracer.startSpan("render", { attributes: throughlineAttributes() });
 *   span.end(); // attributes: { "gentletask.throughline": ["nightly-report"] }
 * });
 * ```
 */
export function throughlineAttributes(options?: ThroughlineAttributeOptions): Attributes {
  const { key, includeEmpty } = resolveAttributeOptions("throughlineAttributes", options);
  const names = currentNames();
  if (names.length === 0 && !includeEmpty) return {};
  return { [key]: names };
}

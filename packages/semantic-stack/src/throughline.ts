import { registry } from "./registry.js";
import { SemanticStack, type SemanticStackOptions, STORAGE_RESOLVER } from "./semantic-stack.js";

const options = {
  required: ["name"] as const,
  [STORAGE_RESOLVER]: () => registry().throughline,
} as SemanticStackOptions<"name">;

/**
 * The process-wide semantic stack: what the program is doing, as names.
 * Every frame must carry `name`, and by convention little else; it is what
 * logs and traces show. Every copy of this package shares it.
 *
 * @example
 * ```ts
 * throughline.run({ name: "acquisition" }, () =>
 *   throughline.run({ name: "calibrate" }, () => throughline.collect("name")),
 * ); // ["acquisition", "calibrate"]
 * ```
 */
export const throughline: SemanticStack<"name"> = /* @__PURE__ */ new SemanticStack(
  "throughline",
  options,
);

export {
  DEFAULT_THROUGHLINE_KEY,
  type ThroughlineAttributeOptions,
} from "./attribute-options.js";
export {
  DEFAULT_HEADER_LIMITS,
  DEFAULT_THROUGHLINE_HEADER,
  type ThroughlineHeaderLimits,
  type ThroughlinePropagatorOptions,
} from "./header-limits.js";
export { remoteThroughline, runWithRemoteThroughline } from "./remote-throughline.js";
export { throughlineAttributes } from "./throughline-attributes.js";
export { ThroughlinePropagator } from "./throughline-propagator.js";
export { ThroughlineSpanProcessor } from "./throughline-span-processor.js";

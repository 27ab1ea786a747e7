export type { ThroughlineFormatOptions } from "./format-options.js";
export { throughlineFormat } from "./throughline-format.js";
export { throughlineMeta } from "./throughline-meta.js";

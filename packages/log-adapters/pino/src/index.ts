export type { PinoBindingsSource } from "./bound-fields.js";
export type { ThroughlineMixinOptions } from "./mixin-options.js";
export { type ThroughlineMixin, throughlineMixin } from "./throughline-mixin.js";

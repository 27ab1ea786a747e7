// options.ts: every option at its default, and the caller's chain read by hand.
import {
  remoteThroughline,
  type ThroughlineAttributeOptions,
  type ThroughlineHeaderLimits,
  ThroughlinePropagator,
  type ThroughlinePropagatorOptions,
  ThroughlineSpanProcessor,
  throughlineAttributes,
} from "@gentletask/opentelemetry";
import { context, defaultTextMapGetter } from "@opentelemetry/api";

const attributeOptions: ThroughlineAttributeOptions = { key: "gentletask.throughline" };
export const processor = new ThroughlineSpanProcessor(attributeOptions);
console.log(throughlineAttributes({ ...attributeOptions, includeEmpty: true }));
// { 'gentletask.throughline': [] }

const limits: ThroughlineHeaderLimits = { maxHeaderBytes: 4096, maxNames: 64, maxNameLength: 128 };
const options: ThroughlinePropagatorOptions = { header: "gentletask-throughline", ...limits };
const propagator = new ThroughlinePropagator(options);

const headers = { "gentletask-throughline": "checkout,charge-card" };
const incoming = propagator.extract(context.active(), headers, defaultTextMapGetter);
console.log(remoteThroughline(incoming));
// [ { name: 'checkout' }, { name: 'charge-card' } ]

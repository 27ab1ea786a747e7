import type { TextMapPropagator } from "@opentelemetry/api";
import { BasicTracerProvider, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { expectTypeOf, test } from "vitest";
import {
  ThroughlinePropagator,
  ThroughlineSpanProcessor,
  throughlineAttributes,
} from "../src/index.js";

test("the processor is an SDK SpanProcessor and the propagator a TextMapPropagator", () => {
  expectTypeOf(new ThroughlineSpanProcessor()).toExtend<SpanProcessor>();
  expectTypeOf(new ThroughlinePropagator()).toExtend<TextMapPropagator>();
  new BasicTracerProvider({ spanProcessors: [new ThroughlineSpanProcessor()] });
});

test("options are typed", () => {
  // @ts-expect-error includeEmpty is a boolean
  expectTypeOf(throughlineAttributes).toBeCallableWith({ includeEmpty: "yes" });
  expectTypeOf<ThroughlinePropagator>().toBeObject();
  // Compile-time only: never called.
  const _badLimit = () =>
    // @ts-expect-error limits are numbers
    new ThroughlinePropagator({ maxNames: "5" });
  void _badLimit;
  expectTypeOf(throughlineAttributes).toBeCallableWith({ key: "app.chain", includeEmpty: true });
});

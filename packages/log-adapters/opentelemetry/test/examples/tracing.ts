// tracing.ts: the application's OpenTelemetry setup, imported first by both services.
import { ThroughlinePropagator, ThroughlineSpanProcessor } from "@gentletask/opentelemetry";
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { CompositePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";

export const exporter = new InMemorySpanExporter(); // use your real exporter here

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(
  new BasicTracerProvider({
    spanProcessors: [new ThroughlineSpanProcessor(), new SimpleSpanProcessor(exporter)],
  }),
);
propagation.setGlobalPropagator(
  new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new ThroughlinePropagator()],
  }),
);

import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll } from "vitest";
import type { ThroughlineAttributeOptions } from "../../src/index.js";
import { ThroughlineSpanProcessor } from "../../src/index.js";

/**
 * Installs OpenTelemetry's async-hooks context manager for the test file (as
 * an application would; the library never does) and removes it afterwards.
 */
export function useAsyncContextManager(): void {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
  });
  afterAll(() => {
    manager.disable();
    context.disable();
  });
}

/** A real SDK tracer provider with our processor in front of an in-memory exporter. */
export function tracingWith(options?: ThroughlineAttributeOptions) {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new ThroughlineSpanProcessor(options), new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("test");
  const finished = (name: string): ReadableSpan => {
    const span = exporter.getFinishedSpans().find((candidate) => candidate.name === name);
    if (span === undefined) throw new Error(`no finished span named ${name}`);
    return span;
  };
  return { exporter, provider, tracer, finished };
}

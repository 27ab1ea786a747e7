import { ThroughlineSpanProcessor } from "@gentletask/opentelemetry";
import { context, type Tracer } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { ExportResultCode, hrTimeToMilliseconds } from "@opentelemetry/core";
import {
  BasicTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";

/** Prints each finished span as one line: its name, duration and throughline attribute. */
class ConsoleLineExporter implements SpanExporter {
  constructor(private readonly write: (line: string) => void) {}

  export(spans: ReadableSpan[], done: (result: { code: ExportResultCode }) => void): void {
    for (const span of spans) {
      const ms = hrTimeToMilliseconds(span.duration).toFixed(1);
      const chain = JSON.stringify(span.attributes["gentletask.throughline"] ?? []);
      const status = span.status.code === 2 ? ` error="${span.status.message ?? ""}"` : "";
      this.write(`SPAN  ${chain} ${span.name} ${ms}ms${status}\n`);
    }
    done({ code: ExportResultCode.SUCCESS });
  }

  async shutdown(): Promise<void> {}
}

/**
 * Sets up OpenTelemetry for the demo: the async-hooks context manager, and a
 * tracer provider whose spans get the throughline at start and are printed to
 * the console when they end. The application, not a library, registers the
 * context manager.
 */
export function createTracing(
  write: (line: string) => void = (line) => process.stdout.write(line),
) {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const provider = new BasicTracerProvider({
    spanProcessors: [
      new ThroughlineSpanProcessor(),
      new SimpleSpanProcessor(new ConsoleLineExporter(write)),
    ],
  });
  const tracer: Tracer = provider.getTracer("gentletask-demo");
  return {
    tracer,
    async shutdown() {
      await provider.shutdown();
      context.disable();
    },
  };
}

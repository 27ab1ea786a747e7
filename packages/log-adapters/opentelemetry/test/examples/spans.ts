// spans.ts: every span gets the throughline it was started in.
import { ThroughlineSpanProcessor } from "@gentletask/opentelemetry";
import { throughline } from "@gentletask/semantic-stack";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({
  spanProcessors: [new ThroughlineSpanProcessor(), new SimpleSpanProcessor(exporter)],
});
const tracer = provider.getTracer("shop");

throughline.run({ name: "checkout" }, () => {
  throughline.run({ name: "charge-card" }, () => {
    tracer.startSpan("POST /charges").end();
  });
});

console.log(exporter.getFinishedSpans()[0]?.attributes);
// { 'gentletask.throughline': [ 'checkout', 'charge-card' ] }

// attributes.ts: the same attribute by hand, where you cannot add a span processor.
import { throughlineAttributes } from "@gentletask/opentelemetry";
import { throughline } from "@gentletask/semantic-stack";
import { trace } from "@opentelemetry/api";

const tracer = trace.getTracer("reports");

export function nightlyReport(): void {
  throughline.run({ name: "nightly-report" }, () => {
    const span = tracer.startSpan("render", { attributes: throughlineAttributes() });
    span.end(); // attributes: { "gentletask.throughline": ["nightly-report"] }
  });
}

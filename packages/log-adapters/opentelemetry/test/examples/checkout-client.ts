// checkout-client.ts: calls the payments service from inside a task chain.
import "./tracing.js";
import { spawn } from "@gentletask/tasks";
import { context, propagation, trace } from "@opentelemetry/api";

const tracer = trace.getTracer("checkout");

async function chargeCard(url: string): Promise<unknown> {
  return tracer.startActiveSpan("charge-card", async (span) => {
    const headers: Record<string, string> = {};
    propagation.inject(context.active(), headers);
    // headers: { traceparent: "00-…-01", "gentletask-throughline": "checkout,charge-card" }
    const response = await fetch(url, { method: "POST", headers });
    const body = await response.json();
    span.end();
    return { sent: headers, traceId: span.spanContext().traceId, received: body };
  });
}

const checkout = spawn(
  async () => {
    const charge = spawn(() => chargeCard(process.argv[2] as string), { name: "charge-card" });
    return charge.wait();
  },
  { name: "checkout" },
);
console.log(JSON.stringify(await checkout.wait()));

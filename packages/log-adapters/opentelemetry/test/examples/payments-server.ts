// payments-server.ts: restores the caller's throughline around each request.
import "./tracing.js";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { runWithRemoteThroughline } from "@gentletask/opentelemetry";
import { throughlineMixin } from "@gentletask/pino";
import { throughline } from "@gentletask/semantic-stack";
import { context, propagation, trace } from "@opentelemetry/api";
import { pino } from "pino";

const logger = pino({ mixin: throughlineMixin() });
const tracer = trace.getTracer("payments-api");

function charge(res: ServerResponse): void {
  throughline.run({ name: "payments-api" }, () =>
    tracer.startActiveSpan("POST /charges", (span) => {
      logger.info("charge requested");
      throughline.run({ name: "authorize" }, () => logger.info("card authorized"));
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ traceId: span.spanContext().traceId }));
      span.end();
    }),
  );
}

const server = createServer((req, res) => {
  // With HTTP instrumentation installed, `context.active()` already holds this.
  const incoming = propagation.extract(context.active(), req.headers);
  context.with(incoming, () => runWithRemoteThroughline(incoming, () => charge(res)));
});

server.listen(0, "127.0.0.1", () => {
  logger.info({ port: (server.address() as AddressInfo).port }, "listening");
});

import { setImmediate as yieldToLoop } from "node:timers/promises";
import { throughline } from "@gentletask/semantic-stack";
import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { describe, expect, test } from "vitest";
import {
  runWithRemoteThroughline,
  ThroughlinePropagator,
  ThroughlineSpanProcessor,
} from "../src/index.js";
import { tracingWith, useAsyncContextManager } from "./support/tracing.js";

useAsyncContextManager();

const KEY = "gentletask.throughline";

describe("ThroughlineSpanProcessor", () => {
  test("spans started inside nested frames carry the chain, outermost first", () => {
    const { tracer, finished } = tracingWith();
    throughline.run({ name: "acquisition" }, () => {
      tracer.startSpan("outer").end();
      throughline.run({ name: "calibrate" }, () => tracer.startSpan("inner").end());
    });
    expect(finished("outer").attributes[KEY]).toEqual(["acquisition"]);
    expect(finished("inner").attributes[KEY]).toEqual(["acquisition", "calibrate"]);
  });

  test("the chain is read when the span starts, not when it ends", () => {
    const { tracer, finished } = tracingWith();
    const span = throughline.run({ name: "started-here" }, () => tracer.startSpan("moved"));
    throughline.run({ name: "ended-here" }, () => span.end());
    expect(finished("moved").attributes[KEY]).toEqual(["started-here"]);
  });

  test("outside any frame no attribute is set, unless includeEmpty", () => {
    const plain = tracingWith();
    plain.tracer.startSpan("root").end();
    expect(plain.finished("root").attributes).not.toHaveProperty(KEY);

    const withEmpty = tracingWith({ includeEmpty: true });
    withEmpty.tracer.startSpan("root").end();
    expect(withEmpty.finished("root").attributes[KEY]).toEqual([]);
  });

  test("`key` names the attribute", () => {
    const { tracer, finished } = tracingWith({ key: "app.chain" });
    throughline.run({ name: "job" }, () => tracer.startSpan("s").end());
    expect(finished("s").attributes).toEqual({ "app.chain": ["job"] });
  });

  test("an attribute already set on the span is never overwritten", () => {
    const { tracer, finished } = tracingWith();
    throughline.run({ name: "ours" }, () => {
      tracer.startSpan("given", { attributes: { [KEY]: ["theirs"] } }).end();
      tracer.startSpan("given-string", { attributes: { [KEY]: "kept as is" } }).end();
      tracer.startSpan("other-keys", { attributes: { "http.method": "GET" } }).end();
    });
    expect(finished("given").attributes[KEY]).toEqual(["theirs"]);
    expect(finished("given-string").attributes[KEY]).toBe("kept as is");
    expect(finished("other-keys").attributes).toEqual({ "http.method": "GET", [KEY]: ["ours"] });
  });

  test("names that are not strings become text; a hostile toString does not break startSpan", () => {
    const { tracer, finished } = tracingWith();
    const hostile = {
      toString() {
        throw new Error("no");
      },
    };
    throughline.run({ name: 42 }, () =>
      throughline.run({ name: hostile }, () => tracer.startSpan("s").end()),
    );
    expect(finished("s").attributes[KEY]).toEqual(["42", "[unprintable name]"]);
  });

  test("OpenTelemetry's context and the throughline stay independent and both correct across awaits", async () => {
    const { tracer, finished } = tracingWith();
    await tracer.startActiveSpan("request", async (request) => {
      await throughline.run({ name: "checkout" }, async () => {
        await yieldToLoop();
        // A throughline frame does not change the active span...
        expect(trace.getActiveSpan()).toBe(request);
        await tracer.startActiveSpan("charge", async (charge) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          // ...and a new active span does not change the throughline.
          expect(throughline.collect("name")).toEqual(["checkout"]);
          await throughline.run({ name: "charge-card" }, async () => {
            await yieldToLoop();
            tracer.startSpan("db").end();
          });
          charge.end();
        });
        expect(trace.getActiveSpan()).toBe(request);
      });
      request.end();
    });
    const request = finished("request");
    const charge = finished("charge");
    const db = finished("db");
    expect(request.attributes).not.toHaveProperty(KEY);
    expect(charge.attributes[KEY]).toEqual(["checkout"]);
    expect(db.attributes[KEY]).toEqual(["checkout", "charge-card"]);
    expect(charge.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(db.parentSpanContext?.spanId).toBe(charge.spanContext().spanId);
    expect(new Set([request, charge, db].map((span) => span.spanContext().traceId)).size).toBe(1);
  });

  test("100 concurrent flows each see their own span parent and their own chain", async () => {
    const { tracer, exporter } = tracingWith();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        tracer.startActiveSpan(`flow-${i}`, { root: true }, async (flow) => {
          await throughline.run({ name: `flow-${i}` }, async () => {
            for (let step = 0; step < 3; step++) {
              await new Promise((resolve) => setTimeout(resolve, (i * 7 + step) % 3));
              await throughline.run({ name: `step-${step}` }, async () => {
                await yieldToLoop();
                tracer.startSpan(`flow-${i}/step-${step}`).end();
              });
            }
          });
          flow.end();
        }),
      ),
    );
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(400);
    const byName = new Map(spans.map((span) => [span.name, span]));
    for (let i = 0; i < 100; i++) {
      const flow = byName.get(`flow-${i}`);
      for (let step = 0; step < 3; step++) {
        const span = byName.get(`flow-${i}/step-${step}`);
        expect(span?.attributes[KEY]).toEqual([`flow-${i}`, `step-${step}`]);
        expect(span?.parentSpanContext?.spanId).toBe(flow?.spanContext().spanId);
      }
    }
  });

  test("with an empty throughline, a span whose parent context carries a caller's chain gets that chain", () => {
    const { tracer, finished } = tracingWith();
    const incoming = new ThroughlinePropagator().extract(
      ROOT_CONTEXT,
      { "gentletask-throughline": "checkout,charge-card" },
      { keys: Object.keys, get: (carrier, key) => carrier[key] },
    );
    context.with(incoming, () => {
      tracer.startSpan("server").end();
      // The local throughline, once there is one, wins.
      throughline.run({ name: "local" }, () => tracer.startSpan("local").end());
    });
    tracer.startSpan("explicit-parent", undefined, incoming).end();
    expect(finished("server").attributes[KEY]).toEqual(["checkout", "charge-card"]);
    expect(finished("local").attributes[KEY]).toEqual(["local"]);
    expect(finished("explicit-parent").attributes[KEY]).toEqual(["checkout", "charge-card"]);
  });

  test("spans inside a restored remote chain carry the caller's names, then ours", () => {
    const { tracer, finished } = tracingWith();
    const incoming = new ThroughlinePropagator().extract(
      ROOT_CONTEXT,
      { "gentletask-throughline": "checkout,charge-card" },
      { keys: Object.keys, get: (carrier, key) => carrier[key] },
    );
    runWithRemoteThroughline(incoming, () =>
      throughline.run({ name: "payments-api" }, () => tracer.startSpan("POST /charges").end()),
    );
    expect(finished("POST /charges").attributes[KEY]).toEqual([
      "checkout",
      "charge-card",
      "payments-api",
    ]);
  });

  test("forceFlush and shutdown resolve, and the provider shuts down cleanly", async () => {
    const processor = new ThroughlineSpanProcessor();
    await expect(processor.forceFlush()).resolves.toBeUndefined();
    await expect(processor.shutdown()).resolves.toBeUndefined();
    const { provider } = tracingWith();
    await expect(provider.forceFlush()).resolves.toBeUndefined();
    await expect(provider.shutdown()).resolves.toBeUndefined();
  });

  test("bad options are refused with a message naming the argument", () => {
    expect(() => new ThroughlineSpanProcessor({ key: "" })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: new ThroughlineSpanProcessor: expected \`options.key\` to be a non-empty string, got "" (string)]`,
    );
    expect(
      () => new ThroughlineSpanProcessor({ includeEmpty: "yes" as never }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: new ThroughlineSpanProcessor: expected \`options.includeEmpty\` to be a boolean, got "yes" (string)]`,
    );
    expect(() => new ThroughlineSpanProcessor(42 as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: new ThroughlineSpanProcessor: expected \`options\` to be an object, got 42 (number)]`,
    );
    expect(() => new ThroughlineSpanProcessor({ key: 7 as never })).toThrow(TypeError);
  });
});

// Span start+end through the real SDK with ThroughlineSpanProcessor vs the
// same provider without it, inside a 3-deep throughline, in one process.
// Baseline and subject alternate over several rounds; medians and the ratio
// are printed. Imports the BUILT packages: build first (turbo's `bench`
// depends on `build`). Also prints propagator inject/extract costs.
import { ThroughlinePropagator, ThroughlineSpanProcessor } from "@gentletask/opentelemetry";
import { throughline } from "@gentletask/semantic-stack";
import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { median } from "../../../../bench-support/harness.mjs";

const ROUNDS = 21;
const SPANS_PER_ROUND = 10_000;

// An exporter that keeps nothing, so memory stays flat and both sides pay the same export cost.
const nullExporter = {
  export(_spans, done) {
    done({ code: 0 });
  },
  shutdown: () => Promise.resolve(),
  forceFlush: () => Promise.resolve(),
};

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const tracer = (spanProcessors) => new BasicTracerProvider({ spanProcessors }).getTracer("bench");
// Bare: no exporting processor, so the SDK's own span cost is the whole
// baseline and our share shows at its largest. Exporting: a SimpleSpanProcessor
// in front of an exporter that keeps nothing, closer to a real setup.
const bare = { baseline: tracer([]), subject: tracer([new ThroughlineSpanProcessor()]) };
// The floor: a processor that sets a constant three-name array attribute, what
// any array attribute costs in the SDK, whatever computes it.
const constantAttribute = {
  onStart(span) {
    span.setAttribute("gentletask.throughline", ["acquisition", "calibrate", "measure"]);
  },
  onEnd() {},
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};
const floor = { baseline: tracer([]), subject: tracer([constantAttribute]) };
const exporting = {
  baseline: tracer([new SimpleSpanProcessor(nullExporter)]),
  subject: tracer([new ThroughlineSpanProcessor(), new SimpleSpanProcessor(nullExporter)]),
};

function insideChain(fn) {
  return throughline.run({ name: "acquisition" }, () =>
    throughline.run({ name: "calibrate" }, () => throughline.run({ name: "measure" }, fn)),
  );
}

/** Nanoseconds per operation for `count` calls of `op`. */
function measure(op, count) {
  // Collect garbage left by the previous round, so neither side pays for the other's.
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) op();
  return Number(process.hrtime.bigint() - start) / count;
}

function compare(label, baselineOp, subjectOp, count) {
  // Warm up both, so neither side pays for the JIT in the rounds.
  measure(baselineOp, count);
  measure(subjectOp, count);
  const a = [];
  const b = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      a.push(measure(baselineOp, count));
      b.push(measure(subjectOp, count));
    } else {
      b.push(measure(subjectOp, count));
      a.push(measure(baselineOp, count));
    }
  }
  const ma = median(a);
  const mb = median(b);
  console.log(
    `${label}: baseline ${ma.toFixed(0)} ns, subject ${mb.toFixed(0)} ns, ratio ${(mb / ma).toFixed(2)}x`,
  );
  return mb / ma;
}

console.log(`node ${process.version}, ${ROUNDS} rounds x ${SPANS_PER_ROUND} spans, medians`);
const ratios = insideChain(() =>
  [bare, floor, exporting].map(({ baseline, subject }, index) =>
    compare(
      `span start+end, 3-deep throughline, ${["bare SDK", "bare SDK, constant array attribute instead (the floor)", "SimpleSpanProcessor"][index]}`,
      () => baseline.startSpan("op").end(),
      () => subject.startSpan("op").end(),
      SPANS_PER_ROUND,
    ),
  ),
);
const [bareRatio, floorRatio, exportingRatio] = ratios;

const propagator = new ThroughlinePropagator();
const carrier = {};
const injectNs = insideChain(() =>
  median(
    Array.from({ length: ROUNDS }, () =>
      measure(
        () => propagator.inject(ROOT_CONTEXT, carrier, defaultTextMapSetter),
        SPANS_PER_ROUND,
      ),
    ),
  ),
);
const extractNs = median(
  Array.from({ length: ROUNDS }, () =>
    measure(() => propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter), SPANS_PER_ROUND),
  ),
);
console.log(
  `propagator (3 names, "${carrier["gentletask-throughline"]}"): inject ${injectNs.toFixed(0)} ns, extract ${extractNs.toFixed(0)} ns`,
);
// The budget applies to a provider that exports; the bare ratio shows the
// attribute's whole cost (mostly the SDK copying an array attribute) against
// the cheapest possible span.
console.log(
  `${exportingRatio <= 1.3 ? "within" : "OVER"} the 1.3x budget (exporting setup); bare SDK ratio ${bareRatio.toFixed(2)}x, floor ${floorRatio.toFixed(2)}x`,
);

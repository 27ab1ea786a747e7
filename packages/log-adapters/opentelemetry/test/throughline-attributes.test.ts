import { throughline } from "@gentletask/semantic-stack";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { expect, test } from "vitest";
import { throughlineAttributes } from "../src/index.js";

test("gives the current chain under gentletask.throughline, outermost first", () => {
  const attributes = throughline.run({ name: "acquisition" }, () =>
    throughline.run({ name: "calibrate" }, () => throughlineAttributes()),
  );
  expect(attributes).toEqual({ "gentletask.throughline": ["acquisition", "calibrate"] });
});

test("an empty chain gives no attribute unless includeEmpty", () => {
  expect(throughlineAttributes()).toEqual({});
  expect(throughlineAttributes({ includeEmpty: true })).toEqual({ "gentletask.throughline": [] });
});

test("`key` names the attribute, even one called __proto__", () => {
  throughline.run({ name: "job" }, () => {
    expect(throughlineAttributes({ key: "app.chain" })).toEqual({ "app.chain": ["job"] });
    const odd = throughlineAttributes({ key: "__proto__" });
    expect(Object.getPrototypeOf(odd)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(odd, "__proto__")?.value).toEqual(["job"]);
  });
});

test("returns a fresh object each call: changing one changes nothing else", () => {
  throughline.run({ name: "job" }, () => {
    const first = throughlineAttributes();
    (first["gentletask.throughline"] as string[]).push("tampered");
    expect(throughlineAttributes()).toEqual({ "gentletask.throughline": ["job"] });
    expect(throughline.collect("name")).toEqual(["job"]);
  });
});

test("works as startSpan attributes with a provider that has no throughline processor", () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("test");
  throughline.run({ name: "report" }, () => {
    tracer.startSpan("render", { attributes: throughlineAttributes() }).end();
  });
  expect(exporter.getFinishedSpans()[0]?.attributes).toEqual({
    "gentletask.throughline": ["report"],
  });
});

test("bad options are refused with a message naming the argument", () => {
  expect(() => throughlineAttributes({ key: "" })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineAttributes: expected \`options.key\` to be a non-empty string, got "" (string)]`,
  );
  expect(() =>
    throughlineAttributes({ includeEmpty: 1 as never }),
  ).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineAttributes: expected \`options.includeEmpty\` to be a boolean, got 1 (number)]`,
  );
  expect(() => throughlineAttributes("key" as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineAttributes: expected \`options\` to be an object, got "key" (string)]`,
  );
});

test("hostile options (a revoked Proxy, a throwing getter) get a TypeError naming throughlineAttributes", () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const throwing = {
    get key(): string {
      throw new Error("no key for you");
    },
  };
  // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
  const call = (options: any) => () => throughlineAttributes(options);
  expect(call(proxy)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineAttributes: could not read \`options\`: Cannot perform 'get' on a proxy that has been revoked]`,
  );
  expect(call({ key: proxy })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineAttributes: expected \`options.key\` to be a non-empty string, got an object]`,
  );
  expect(call(throwing)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineAttributes: could not read \`options\`: no key for you]`,
  );
});

import { expect, test } from "vitest";
import * as api from "../src/index.js";

test("the package exports exactly its public names", () => {
  expect(Object.keys(api).sort()).toEqual([
    "DEFAULT_HEADER_LIMITS",
    "DEFAULT_THROUGHLINE_HEADER",
    "DEFAULT_THROUGHLINE_KEY",
    "ThroughlinePropagator",
    "ThroughlineSpanProcessor",
    "remoteThroughline",
    "runWithRemoteThroughline",
    "throughlineAttributes",
  ]);
  expect(api.DEFAULT_THROUGHLINE_KEY).toBe("gentletask.throughline");
  expect(api.DEFAULT_THROUGHLINE_HEADER).toBe("gentletask-throughline");
  expect(api.DEFAULT_HEADER_LIMITS).toEqual({
    maxHeaderBytes: 4096,
    maxNames: 64,
    maxNameLength: 128,
  });
  expect(Object.isFrozen(api.DEFAULT_HEADER_LIMITS)).toBe(true);
});

test("importing the package registers nothing with OpenTelemetry", async () => {
  const otel = Symbol.for("opentelemetry.js.api.1");
  const before = (globalThis as Record<symbol, unknown>)[otel];
  await import("../src/index.js");
  expect((globalThis as Record<symbol, unknown>)[otel]).toBe(before);
});

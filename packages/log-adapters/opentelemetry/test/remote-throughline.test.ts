import { throughline } from "@gentletask/semantic-stack";
import { createContextKey, ROOT_CONTEXT } from "@opentelemetry/api";
import { describe, expect, test } from "vitest";
import {
  remoteThroughline,
  runWithRemoteThroughline,
  ThroughlinePropagator,
} from "../src/index.js";
import { getter } from "./support/carrier.js";

const propagator = new ThroughlinePropagator();
const incoming = (header: string) =>
  propagator.extract(ROOT_CONTEXT, { "gentletask-throughline": header }, getter);

describe("runWithRemoteThroughline", () => {
  test("the handler's throughline starts with the caller's names, then its own", async () => {
    const seen = await runWithRemoteThroughline(incoming("checkout,charge-card"), () =>
      throughline.run({ name: "payments-api" }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return throughline.collect("name");
      }),
    );
    expect(seen).toEqual(["checkout", "charge-card", "payments-api"]);
  });

  test("the caller's names replace, not extend, the frames current on this side", () => {
    const seen = throughline.run({ name: "http-server" }, () =>
      runWithRemoteThroughline(incoming("checkout"), () => throughline.collect("name")),
    );
    expect(seen).toEqual(["checkout"]);
  });

  test("without a caller's chain the handler runs with the throughline as it is", () => {
    const seen = throughline.run({ name: "http-server" }, () => [
      runWithRemoteThroughline(ROOT_CONTEXT, () => throughline.collect("name")),
      runWithRemoteThroughline(incoming("bad%zz"), () => throughline.collect("name")),
    ]);
    expect(seen).toEqual([["http-server"], ["http-server"]]);
  });

  test("returns what fn returns, and a throw passes through", () => {
    expect(runWithRemoteThroughline(incoming("a"), () => 42)).toBe(42);
    const boom = new Error("boom");
    expect(() =>
      runWithRemoteThroughline(incoming("a"), () => {
        throw boom;
      }),
    ).toThrow(boom);
  });

  test("bad arguments are refused with a message naming the argument", () => {
    expect(() => runWithRemoteThroughline({} as never, () => 1)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: runWithRemoteThroughline: expected \`context\` to be an OpenTelemetry Context, got an object]`,
    );
    expect(() =>
      runWithRemoteThroughline(ROOT_CONTEXT, 42 as never),
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: runWithRemoteThroughline: expected \`fn\` to be a function, got 42 (number)]`,
    );
  });
});

describe("remoteThroughline", () => {
  test("gives fresh { name } frames for throughline.restore", () => {
    const ctx = incoming("checkout,charge-card");
    const frames = remoteThroughline(ctx);
    expect(frames).toEqual([{ name: "checkout" }, { name: "charge-card" }]);
    (frames[0] as { name: string }).name = "tampered";
    expect(remoteThroughline(ctx)).toEqual([{ name: "checkout" }, { name: "charge-card" }]);
    const seen = throughline.restore(remoteThroughline(ctx), () =>
      throughline.run({ name: "payments-api" }, () => throughline.collect("name")),
    );
    expect(seen).toEqual(["checkout", "charge-card", "payments-api"]);
  });

  test("gives [] without a chain, and ignores values that our extract did not store", () => {
    expect(remoteThroughline(ROOT_CONTEXT)).toEqual([]);
    const forged = ROOT_CONTEXT.setValue(
      createContextKey("gentletask.opentelemetry.remote-throughline"),
      [{ name: "x", admin: true }],
    );
    expect(remoteThroughline(forged)).toEqual([]);
  });

  test("a bad context is refused with a message naming the argument", () => {
    expect(() => remoteThroughline(null as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: remoteThroughline: expected \`context\` to be an OpenTelemetry Context, got null]`,
    );
  });
});

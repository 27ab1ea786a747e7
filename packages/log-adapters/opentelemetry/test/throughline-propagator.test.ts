import { ROOT_CONTEXT, TraceFlags, trace } from "@opentelemetry/api";
import { CompositePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import { describe, expect, test } from "vitest";
import { remoteThroughline, ThroughlinePropagator } from "../src/index.js";
import { getter, type Headers, setter } from "./support/carrier.js";
import { within } from "./support/within.js";

const HEADER = "gentletask-throughline";

function injected(propagator = new ThroughlinePropagator(), context = ROOT_CONTEXT): Headers {
  const headers: Headers = {};
  propagator.inject(context, headers, setter);
  return headers;
}

function chainIn(value: unknown, propagator = new ThroughlinePropagator()): string[] {
  const ctx = propagator.extract(ROOT_CONTEXT, { [HEADER]: value } as Headers, getter);
  return remoteThroughline(ctx).map((frame) => frame.name);
}

describe("inject", () => {
  test("writes the current chain, outermost first, percent-encoded and comma-joined", () => {
    within(["checkout", "charge card", "a,b", "50%", "naïve"], () => {
      expect(injected()).toEqual({ [HEADER]: "checkout,charge%20card,a%2Cb,50%25,na%C3%AFve" });
    });
  });

  test("writes nothing for an empty chain", () => {
    expect(injected()).toEqual({});
  });

  test("with an empty throughline, forwards the chain the context received", () => {
    const incoming = new ThroughlinePropagator().extract(ROOT_CONTEXT, { [HEADER]: "a,b" }, getter);
    expect(injected(undefined, incoming)).toEqual({ [HEADER]: "a,b" });
    within(["local"], () => expect(injected(undefined, incoming)).toEqual({ [HEADER]: "local" }));
  });

  test("replaces control characters and lone surrogates with U+FFFD instead of throwing", () => {
    within(["line\nbreak", "bad\uD800half", "\u202Eevil", ""], () => {
      expect(chainIn(injected()[HEADER])).toEqual([
        "line\uFFFDbreak",
        "bad\uFFFDhalf",
        "\uFFFDevil",
        "\uFFFD",
      ]);
    });
  });

  test("replaces invisible format characters (category Cf, tags included) with U+FFFD", () => {
    within(["zero\u200Bwidth", "\uFEFFbom", "x\u2062y", "tag\u{E0041}\u{E007F}", "ok🚀"], () => {
      expect(chainIn(injected()[HEADER])).toEqual([
        "zero\uFFFDwidth",
        "\uFFFDbom",
        "x\uFFFDy",
        "tag\uFFFD\uFFFD",
        "ok🚀",
      ]);
    });
  });

  test("cuts a long name to maxNameLength, ending in … and never splitting a surrogate pair", () => {
    const propagator = new ThroughlinePropagator({ maxNameLength: 5 });
    within(["abcdefgh", "abc🚀def"], () => {
      expect(chainIn(injected(propagator)[HEADER], propagator)).toEqual(["abcd…", "abc…"]);
    });
  });

  test("a chain with too many names keeps its outer and inner names around one …", () => {
    const names = Array.from({ length: 100 }, (_, i) => `n${i}`);
    within(names, () => {
      const sent = chainIn(injected()[HEADER]);
      expect(sent).toHaveLength(64);
      expect(sent.slice(0, 32)).toEqual(names.slice(0, 32));
      expect(sent[32]).toBe("…");
      expect(sent.slice(33)).toEqual(names.slice(69));
    });
  });

  test("a chain too big in bytes is elided to fit, and the receiver accepts it", () => {
    const propagator = new ThroughlinePropagator({ maxHeaderBytes: 200 });
    const names = Array.from({ length: 20 }, (_, i) => `名前-${i}`);
    within(names, () => {
      const value = injected(propagator)[HEADER] as string;
      expect(value.length).toBeLessThanOrEqual(200);
      const sent = chainIn(value, propagator);
      expect(sent[0]).toBe("名前-0");
      expect(sent.at(-1)).toBe("名前-19");
      expect(sent).toContain("…");
    });
  });

  test("sends nothing when not even the elision mark fits", () => {
    const propagator = new ThroughlinePropagator({ maxHeaderBytes: 4 });
    within(["a-long-name"], () => expect(injected(propagator)).toEqual({}));
  });
});

describe("extract", () => {
  test("round-trips any Unicode name", () => {
    const names = ["checkout", "a,b", "100%", "x y", "日本語", "emoji 🚀", "%41", "'(*)!~"];
    within(names, () => expect(chainIn(injected()[HEADER])).toEqual(names));
  });

  test("a missing or empty header leaves the context as it was", () => {
    const propagator = new ThroughlinePropagator();
    expect(propagator.extract(ROOT_CONTEXT, {}, getter)).toBe(ROOT_CONTEXT);
    expect(propagator.extract(ROOT_CONTEXT, { [HEADER]: "" }, getter)).toBe(ROOT_CONTEXT);
    expect(propagator.extract(ROOT_CONTEXT, { [HEADER]: " , ," }, getter)).toBe(ROOT_CONTEXT);
  });

  test("skips empty list elements and whitespace around them, as HTTP lists allow", () => {
    expect(chainIn(" checkout ,\tcharge-card,, ")).toEqual(["checkout", "charge-card"]);
  });

  test("joins repeated header lines (an array) in order", () => {
    expect(chainIn(["checkout", "charge-card,refund"])).toEqual([
      "checkout",
      "charge-card",
      "refund",
    ]);
  });

  test("ignores the whole header when it breaks any rule", () => {
    const tight = new ThroughlinePropagator({ maxHeaderBytes: 20, maxNames: 3, maxNameLength: 6 });
    const rejected: [string, unknown][] = [
      ["over maxHeaderBytes", `${"a,".repeat(10)}b`],
      ["over maxNames", "a,b,c,d"],
      ["a name over maxNameLength once decoded", "abcdefg"],
      ["a percent-encoded name over maxNameLength", "%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9"],
      ["a lone %", "a%"],
      ["a bad escape", "%zz"],
      ["an encoded invalid UTF-8 sequence", "%E2%80"],
      ["an encoded surrogate", "%ED%A0%80"],
      ["an encoded control character", "a%0Ab"],
      ["an encoded bidi override", "%E2%80%AE"],
      ["an encoded right-to-left mark", "a%E2%80%8Fb"],
      ["an encoded Arabic letter mark", "%D8%9Ca"],
      ["an encoded zero-width space", "a%E2%80%8Bb"],
      ["an encoded byte-order mark", "%EF%BB%BFa"],
      ["an encoded invisible times", "a%E2%81%A2b"],
      ["an encoded soft hyphen", "a%C2%ADb"],
      ["an encoded language tag", "a%F3%A0%80%81"],
      ["an encoded tag letter", "a%F3%A0%81%81"],
      ["an encoded cancel tag", "a%F3%A0%81%BF"],
      ["a raw control character", "a\u0001"],
      ["a raw non-ASCII character", "naïve"],
      ["a space inside a name", "a b"],
      ["an array over maxHeaderBytes", ["abcdef", "abcdef", "abcdef", "abcdef"]],
      ["an array with a non-string", ["a", 1]],
      ["a number", 42],
      ["an object", { name: "admin" }],
    ];
    for (const [why, value] of rejected) {
      const ctx = tight.extract(ROOT_CONTEXT, { [HEADER]: value } as Headers, getter);
      expect(ctx, why).toBe(ROOT_CONTEXT);
    }
  });

  test("never throws, even when the getter does", () => {
    const throwing = {
      keys: () => [],
      get: () => {
        throw new Error("broken carrier");
      },
    };
    expect(new ThroughlinePropagator().extract(ROOT_CONTEXT, {}, throwing)).toBe(ROOT_CONTEXT);
  });

  test("only names come out: frames with a single own `name` key, prototype untouched", () => {
    const ctx = new ThroughlinePropagator().extract(
      ROOT_CONTEXT,
      { [HEADER]: "__proto__,constructor,prototype,%7B%22admin%22%3Atrue%7D" },
      getter,
    );
    const frames = remoteThroughline(ctx);
    expect(frames.map((frame) => frame.name)).toEqual([
      "__proto__",
      "constructor",
      "prototype",
      '{"admin":true}',
    ]);
    for (const frame of frames) {
      expect(Object.keys(frame)).toEqual(["name"]);
      expect(Object.getPrototypeOf(frame)).toBe(Object.prototype);
    }
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe("options and fields", () => {
  test("fields() names the one header, as a fresh array", () => {
    const propagator = new ThroughlinePropagator();
    const fields = propagator.fields();
    expect(fields).toEqual([HEADER]);
    fields.push("tampered");
    expect(propagator.fields()).toEqual([HEADER]);
  });

  test("`header` renames the header (stored lowercase)", () => {
    const propagator = new ThroughlinePropagator({ header: "X-Chain" });
    expect(propagator.fields()).toEqual(["x-chain"]);
    within(["job"], () => expect(injected(propagator)).toEqual({ "x-chain": "job" }));
    expect(chainIn("job", propagator)).toEqual([]);
    const ctx = propagator.extract(ROOT_CONTEXT, { "x-chain": "job" }, getter);
    expect(remoteThroughline(ctx)).toEqual([{ name: "job" }]);
  });

  test("bad options are refused with a message naming the argument", () => {
    expect(
      () => new ThroughlinePropagator({ header: "bad header" }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: new ThroughlinePropagator: expected \`options.header\` to be an HTTP header name, got "bad header" (string)]`,
    );
    expect(
      () => new ThroughlinePropagator({ header: 1 as never }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: new ThroughlinePropagator: expected \`options.header\` to be a string, got 1 (number)]`,
    );
    expect(() => new ThroughlinePropagator({ maxNames: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: new ThroughlinePropagator: expected \`options.maxNames\` to be an integer from 1 to 1048576, got 0 (number)]`,
    );
    expect(() => new ThroughlinePropagator({ maxHeaderBytes: 1.5 })).toThrow(RangeError);
    expect(() => new ThroughlinePropagator({ maxNameLength: 2 ** 30 })).toThrow(RangeError);
    expect(
      () => new ThroughlinePropagator({ maxNameLength: "9" as never }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: new ThroughlinePropagator: expected \`options.maxNameLength\` to be an integer, got "9" (string)]`,
    );
    expect(() => new ThroughlinePropagator([] as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: new ThroughlinePropagator: expected \`options\` to be an object, got an array]`,
    );
  });
});

describe("in a CompositePropagator with W3C trace context", () => {
  const composite = new CompositePropagator({
    propagators: [new W3CTraceContextPropagator(), new ThroughlinePropagator()],
  });
  const spanContext = {
    traceId: "0af7651916cd43dd8448eb211c80319c",
    spanId: "b7ad6b7169203331",
    traceFlags: TraceFlags.SAMPLED,
  };

  test("both headers go out and both come back, independently", () => {
    const headers: Headers = {};
    within(["checkout", "charge-card"], () => {
      composite.inject(trace.setSpanContext(ROOT_CONTEXT, spanContext), headers, setter);
    });
    expect(headers).toEqual({
      traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      [HEADER]: "checkout,charge-card",
    });
    const ctx = composite.extract(ROOT_CONTEXT, headers, getter);
    expect(trace.getSpanContext(ctx)).toMatchObject({ ...spanContext, isRemote: true });
    expect(remoteThroughline(ctx)).toEqual([{ name: "checkout" }, { name: "charge-card" }]);
    expect(composite.fields()).toEqual(["traceparent", "tracestate", HEADER]);
  });

  test("a hostile throughline header does not disturb the trace context", () => {
    const ctx = composite.extract(
      ROOT_CONTEXT,
      { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", [HEADER]: "%" },
      getter,
    );
    expect(trace.getSpanContext(ctx)?.traceId).toBe(spanContext.traceId);
    expect(remoteThroughline(ctx)).toEqual([]);
  });
});

test("hostile propagator options (a revoked Proxy, a throwing getter) get a TypeError naming the constructor", () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const throwing = {
    get maxNames(): number {
      throw new Error("no limit for you");
    },
  };
  // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
  const call = (options: any) => () => new ThroughlinePropagator(options);
  expect(call(proxy)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: new ThroughlinePropagator: could not read \`options\`: Cannot perform 'get' on a proxy that has been revoked]`,
  );
  expect(call({ header: proxy })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: new ThroughlinePropagator: expected \`options.header\` to be a string, got an object]`,
  );
  expect(call(throwing)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: new ThroughlinePropagator: could not read \`options\`: no limit for you]`,
  );
});

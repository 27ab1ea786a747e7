import { ROOT_CONTEXT } from "@opentelemetry/api";
import { expect, test } from "vitest";
import { remoteThroughline, ThroughlinePropagator } from "../src/index.js";
import { getter, type Headers, setter } from "./support/carrier.js";
import { within } from "./support/within.js";

const HEADER = "gentletask-throughline";

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "checkout",
  "a",
  ",",
  ",,",
  " ",
  "\t",
  "%",
  "%2",
  "%2C",
  "%25",
  "%zz",
  "%E2%80",
  "%E2%80%A6",
  "%ED%A0%80",
  "%C0%80",
  "%00",
  "%0A",
  "%0D%0A",
  "%E2%80%AE",
  "%F0%9F%9A%80",
  "é",
  "日本",
  "🚀",
  "\uD800",
  "\u0000",
  "\n",
  "\u2028",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  '{"admin":true}',
  "=",
  ";",
  "\\",
  '"',
  "%%",
  "+",
  "~",
  "%7F",
  "%C2%85",
  // Invisible format characters (category Cf): each must be refused.
  "%E2%80%8B",
  "%EF%BB%BF",
  "%E2%81%A2",
  "%C2%AD",
  "%F3%A0%80%81",
  "%F3%A0%81%81",
  "%F3%A0%81%BF",
  "%F0%9D%85%B3",
  "\u200B",
  "\uFEFF",
  "\u{E0041}",
];

function header(rand: () => number): unknown {
  const roll = rand();
  const pick = () => PIECES[Math.floor(rand() * PIECES.length)] as string;
  const text = (parts: number) => Array.from({ length: parts }, pick).join("");
  const names = (count: number) =>
    Array.from({ length: count }, () =>
      encodeURIComponent(
        withoutControls(text(1 + Math.floor(rand() * 3)).replace(/[\uD800-\uDFFF]/g, "")),
      ),
    ).filter((name) => name !== "");
  if (roll < 0.35) return text(1 + Math.floor(rand() * 12));
  if (roll < 0.45)
    return Array.from({ length: 1 + Math.floor(rand() * 5) }, () =>
      text(1 + Math.floor(rand() * 4)),
    );
  if (roll < 0.48) return ",".repeat(Math.floor(rand() * 10_000));
  if (roll < 0.51) return "a,".repeat(Math.floor(rand() * 5_000));
  if (roll < 0.53) return "x".repeat(Math.floor(rand() * 200_000));
  if (roll < 0.55) return Array.from({ length: Math.floor(rand() * 20_000) }, () => "a");
  if (roll < 0.6) {
    // Random code units, surrogates and controls included.
    return String.fromCharCode(
      ...Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 0x10000)),
    );
  }
  if (roll < 0.63)
    return [null, undefined, 42, true, {}, { toString: () => "a" }, [["a"]], Symbol("s")][
      Math.floor(rand() * 8)
    ];
  if (roll < 0.66)
    return Array.from({ length: 1 + Math.floor(rand() * 4) }, () => (rand() < 0.5 ? pick() : 7));
  // Almost valid: encoded names with one flaw at the end.
  if (roll < 0.75)
    return `${names(1 + Math.floor(rand() * 80)).join(",")}${rand() < 0.5 ? "%" : "%C3"}`;
  // Valid, most of the time within the limits: the accepting path gets checked too.
  const list = names(1 + Math.floor(rand() * (rand() < 0.5 ? 4 : 80)));
  return rand() < 0.8 ? list.join(rand() < 0.5 ? "," : " , ") : list;
}

function withoutControls(text: string): string {
  return [...text].filter((char) => !FORBIDDEN.test(char)).join("");
}

/** Stated independently of the code under test: controls, separators, every format character. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

function expectOnlyBoundedNames(
  frames: { name: string }[],
  limits: { maxNames: number; maxNameLength: number },
) {
  expect(frames.length).toBeLessThanOrEqual(limits.maxNames);
  for (const frame of frames) {
    expect(Object.keys(frame)).toEqual(["name"]);
    expect(Object.getPrototypeOf(frame)).toBe(Object.prototype);
    expect(typeof frame.name).toBe("string");
    expect(frame.name.length).toBeGreaterThan(0);
    expect(frame.name.length).toBeLessThanOrEqual(limits.maxNameLength);
    expect(FORBIDDEN.test(frame.name), JSON.stringify(frame.name)).toBe(false);
  }
}

test("3000 random and adversarial headers: extract never throws, bounds hold, only names come out", () => {
  const rand = random(0x5eed);
  const propagators = [
    { maxHeaderBytes: 4096, maxNames: 64, maxNameLength: 128 },
    { maxHeaderBytes: 64, maxNames: 4, maxNameLength: 8 },
    { maxHeaderBytes: 1, maxNames: 1, maxNameLength: 1 },
  ].map((limits) => ({ limits, propagator: new ThroughlinePropagator(limits) }));
  let accepted = 0;
  for (let i = 0; i < 3000; i++) {
    const value = header(rand);
    const { limits, propagator } = propagators[
      i % propagators.length
    ] as (typeof propagators)[number];
    const ctx = propagator.extract(ROOT_CONTEXT, { [HEADER]: value } as Headers, getter);
    const frames = remoteThroughline(ctx);
    if (frames.length === 0) {
      expect(ctx).toBe(ROOT_CONTEXT);
      continue;
    }
    accepted++;
    const size = Array.isArray(value) ? value.join(",").length : (value as string).length;
    expect(size).toBeLessThanOrEqual(limits.maxHeaderBytes);
    expectOnlyBoundedNames(frames, limits);
  }
  // The generator must reach the accepting path too, or the bounds above were never checked.
  expect(accepted).toBeGreaterThan(150);
  expect(Object.prototype).not.toHaveProperty("admin");
  expect(Object.keys(Object.prototype)).toEqual([]);
});

test("1000 random chains: inject never throws and the same limits always accept what it sends", () => {
  const rand = random(0xc0ffee);
  for (let i = 0; i < 1000; i++) {
    const limits = {
      maxHeaderBytes: 16 + Math.floor(rand() * 600),
      maxNames: 1 + Math.floor(rand() * 12),
      maxNameLength: 1 + Math.floor(rand() * 20),
    };
    const propagator = new ThroughlinePropagator(limits);
    const names = Array.from({ length: Math.floor(rand() * 30) }, () =>
      String.fromCodePoint(
        ...Array.from({ length: Math.floor(rand() * 30) }, () =>
          // Some astral code points, tag characters among them, beside random code units.
          rand() < 0.1 ? 0xe0000 + Math.floor(rand() * 0x80) : Math.floor(rand() * 0x10000),
        ),
      ),
    );
    const headers: Headers = {};
    within(names, () => propagator.inject(ROOT_CONTEXT, headers, setter));
    if (names.length === 0) {
      expect(headers).toEqual({});
      continue;
    }
    const value = headers[HEADER] as string;
    expect(value.length).toBeLessThanOrEqual(limits.maxHeaderBytes);
    const frames = remoteThroughline(propagator.extract(ROOT_CONTEXT, headers, getter));
    expect(frames.length).toBeGreaterThan(0);
    expectOnlyBoundedNames(frames, limits);
    if (names.length <= limits.maxNames && frames.length === names.length) {
      // Nothing was elided: each name is the sent form of the original.
      frames.forEach((frame, index) => {
        const original = names[index] as string;
        if (
          original.length <= limits.maxNameLength &&
          /^[\x20-\x7e]*$/.test(original) &&
          original !== ""
        ) {
          expect(frame.name).toBe(original);
        }
      });
    }
  }
});

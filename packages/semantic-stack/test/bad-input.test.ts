import { SemanticStack, throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";

const anyStack = throughline as unknown as Record<string, (...args: unknown[]) => unknown>;

test("non-function callbacks throw a TypeError naming the function and the argument", () => {
  expect(() => anyStack.run?.({ name: "x" }, 42)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughline.run: expected \`fn\` to be a function, got 42 (number)]`,
  );
  expect(() => anyStack.walk?.("nope")).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughline.walk: expected \`fn\` to be a function, got "nope" (string)]`,
  );
  expect(() => anyStack.bind?.(null)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughline.bind: expected \`fn\` to be a function, got null]`,
  );
  expect(() => anyStack.restore?.([], {})).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughline.restore: expected \`fn\` to be a function, got an object]`,
  );
  const snap = throughline.snapshot() as unknown as { run(fn: unknown): unknown };
  expect(() => snap.run(undefined)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: SemanticSnapshot.run: expected \`fn\` to be a function, got undefined (undefined)]`,
  );
});

test("non-object frames throw a TypeError and push nothing", () => {
  for (const frame of [null, undefined, "name", 7, ["name"]]) {
    expect(() => anyStack.run?.(frame, () => 1)).toThrow(
      /^throughline\.run: expected `frame` to be an object, got /,
    );
  }
  expect(() => anyStack.run?.(["a"], () => 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughline.run: expected \`frame\` to be an object, got an array]`,
  );
  expect(throughline.depth).toBe(0);
});

test("a non-function fn is reported before anything is pushed", () => {
  throughline.run({ name: "outer" }, () => {
    expect(() => anyStack.run?.({ name: "x" }, "not callable")).toThrow(TypeError);
    expect(throughline.collect("name")).toEqual(["outer"]);
  });
});

test("non-string keys throw a TypeError", () => {
  expect(() => anyStack.get?.(Symbol("k"))).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughline.get: expected \`key\` to be a string, got Symbol(k) (symbol)]`,
  );
  expect(() => anyStack.collect?.(1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughline.collect: expected \`key\` to be a string, got 1 (number)]`,
  );
});

test("restore rejects what is neither a snapshot nor frames, and non-object frames", () => {
  expect(() => anyStack.restore?.(5, () => 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughline.restore: expected \`from\` to be a SemanticSnapshot or an iterable of frames, got 5 (number)]`,
  );
  expect(() =>
    anyStack.restore?.([{ name: "ok" }, "bad"], () => 1),
  ).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughline.restore: expected every frame to be an object, got string]`,
  );
});

test("a constructor given a wrong name or required throws a TypeError", () => {
  const Ctor = SemanticStack as unknown as new (...args: unknown[]) => unknown;
  expect(() => new Ctor(5)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: new SemanticStack: expected \`name\` to be a string, got 5 (number)]`,
  );
  expect(() => new Ctor("s", { required: "name" })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: new SemanticStack: expected \`options.required\` to be an array of strings, got "name" (string)]`,
  );
  expect(() => new Ctor("s", { required: ["name", 3] })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: new SemanticStack: expected \`options.required\` to be an array of strings, got an array]`,
  );
  expect(() => new Ctor("s", null)).toThrow(/expected `options` to be an object, got null/);
});

test("keys such as __proto__ and constructor are stored and returned as plain data", () => {
  const frame = JSON.parse('{"name": "x", "__proto__": {"polluted": true}, "constructor": "c"}');
  throughline.run(frame, () => {
    expect(throughline.get("__proto__")).toEqual({ polluted: true });
    expect(throughline.get("constructor")).toBe("c");
    expect(throughline.collect("__proto__")).toEqual([{ polluted: true }]);
    const [copy] = throughline.frames();
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy as object, "__proto__")).toBe(true);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(throughline.frames()))).toEqual([frame]);
  });
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
});

test("frames restored from hostile data stay plain data", () => {
  const frames = JSON.parse('[{"name": "a", "__proto__": {"isAdmin": true}}]');
  throughline.restore(frames, () => {
    expect(throughline.get("isAdmin")).toBeUndefined();
    expect(throughline.get("__proto__")).toEqual({ isAdmin: true });
  });
});

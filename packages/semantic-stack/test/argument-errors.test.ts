import { expect, test } from "vitest";
import {
  checkDuration,
  checkOptions,
  checkOptionsObject,
  describe as describeValue,
  isThenable,
  readKnownOptions,
  typeError,
} from "../src/argument-errors.ts";

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

test("describe names each kind of value without calling into it", () => {
  const hostile = {
    toString() {
      throw new Error("no");
    },
  };
  expect(
    [null, [], "x".repeat(50), Symbol("s"), () => {}, hostile, 42, 10n].map(describeValue),
  ).toMatchInlineSnapshot(`
      [
        "null",
        "an array",
        ""xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" (string)",
        "Symbol(s) (symbol)",
        "a function",
        "an object",
        "42 (number)",
        "10 (bigint)",
      ]
    `);
});

test("a revoked Proxy keeps the function and argument names in the message", () => {
  expect(() =>
    typeError("spawn", "fn", "a function", revokedProxy()),
  ).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: expected \`fn\` to be a function, got an object]`,
  );
  expect(() => checkOptionsObject("spawn", revokedProxy())).not.toThrow();
});

test("checkDuration and isThenable", () => {
  expect(checkDuration("sleep", "ms", Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  expect(() => checkDuration("sleep", "ms", -1)).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: sleep: expected \`ms\` to be a non-negative number of milliseconds, got -1 (number)]`,
  );
  // biome-ignore lint/suspicious/noThenProperty: a thenable under test.
  expect(isThenable({ then() {} })).toBe(true);
  expect(isThenable(Promise.resolve())).toBe(true);
  // biome-ignore lint/suspicious/noThenProperty: a non-callable then under test.
  expect(isThenable({ then: 1 })).toBe(false);
});

test("readKnownOptions reads each known key once and refuses what it cannot use", () => {
  let reads = 0;
  const options = {
    get name() {
      reads++;
      return "api";
    },
    drainMs: undefined,
  };
  expect(readKnownOptions("main", options, ["name", "drainMs"])).toEqual({ name: "api" });
  expect(reads).toBe(1);
  expect(readKnownOptions("main", undefined, ["name"])).toEqual({});
  expect(() => readKnownOptions("main", [], ["name"])).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: main: expected \`options\` to be an object, got an array]`,
  );
  expect(() => readKnownOptions("main", 42, ["name"])).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: main: expected \`options\` to be an object, got 42 (number)]`,
  );
  expect(() =>
    readKnownOptions("main", { nmae: "x" }, ["name"]),
  ).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: main: unknown option \`nmae\` (known: \`name\`)]`,
  );
  expect(() => readKnownOptions("main", revokedProxy(), ["name"])).toThrow(
    /^main: could not read `options`: /,
  );
  const throwing = {
    get name(): string {
      throw new Error("no name today");
    },
  };
  expect(() => readKnownOptions("main", throwing, ["name"])).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: main: could not read \`options.name\`: no name today]`,
  );
});

test("checkOptions refuses an array, names an unknown key, and returns the object", () => {
  expect(() => checkOptions("all", [1], ["name"])).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: all: expected \`options\` to be an object, got an array]`,
  );
  expect(() => checkOptions("all", { nmae: "x" }, ["name"])).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: all: unknown option \`nmae\` (known: \`name\`)]`,
  );
  const options = { name: "x" };
  expect(checkOptions("all", options, ["name"])).toBe(options);
  expect(checkOptions("all", undefined, ["name"])).toBeUndefined();
});

import { expect, test } from "vitest";
import { throughlineMixin } from "../src/index.js";

test("wrong options are named in a TypeError", () => {
  // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
  const call = (options: any) => () => throughlineMixin(options);
  expect(call(42)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMixin: expected \`options\` to be an object, got 42 (number)]`,
  );
  expect(call(null)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMixin: expected \`options\` to be an object, got null]`,
  );
  expect(call({ key: "" })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMixin: expected \`options.key\` to be a non-empty string, got "" (string)]`,
  );
  expect(call({ key: Symbol("k") })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMixin: expected \`options.key\` to be a non-empty string, got Symbol(k) (symbol)]`,
  );
  expect(call({ includeEmpty: "yes" })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMixin: expected \`options.includeEmpty\` to be a boolean, got "yes" (string)]`,
  );
  expect(call({ errorKey: 1 })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMixin: expected \`options.errorKey\` to be a non-empty string, got 1 (number)]`,
  );
});

test("the mixin never throws on odd loggers", () => {
  const mixin = throughlineMixin({ includeEmpty: true });
  const hostile = {
    bindings() {
      throw new Error("no bindings here");
    },
  };
  expect(mixin({}, 30, hostile)).toEqual({ throughline: [] });
  expect(mixin({}, 30, undefined)).toEqual({ throughline: [] });
});

test("hostile options (a revoked Proxy, a throwing getter) get a TypeError naming throughlineMixin", () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const throwing = {
    get key(): string {
      throw new Error("no key for you");
    },
  };
  // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
  const call = (options: any) => () => throughlineMixin(options);
  expect(call(proxy)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMixin: could not read \`options\`: Cannot perform 'get' on a proxy that has been revoked]`,
  );
  expect(call({ key: proxy })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMixin: expected \`options.key\` to be a non-empty string, got an object]`,
  );
  expect(call(throwing)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMixin: could not read \`options\`: no key for you]`,
  );
});

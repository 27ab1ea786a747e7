import { expect, test } from "vitest";
import { throughlineFormat } from "../src/index.js";

test("wrong options are named in a TypeError", () => {
  // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
  const call = (options: any) => () => throughlineFormat(options);
  expect(call(42)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineFormat: expected \`options\` to be an object, got 42 (number)]`,
  );
  expect(call({ key: "" })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineFormat: expected \`options.key\` to be a non-empty string, got "" (string)]`,
  );
  expect(call({ includeEmpty: 1 })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineFormat: expected \`options.includeEmpty\` to be a boolean, got 1 (number)]`,
  );
});

test("the format is a logform format: options and a transform that returns the info", () => {
  const format = throughlineFormat({ includeEmpty: true });
  expect(format.options).toEqual({ key: "throughline", includeEmpty: true });
  const info = { level: "info", message: "direct" };
  expect(format.transform(info)).toBe(info);
  expect(info).toEqual({ level: "info", message: "direct", throughline: [] });
});

test("hostile options (a revoked Proxy, a throwing getter) get a TypeError naming throughlineFormat", () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const throwing = {
    get key(): string {
      throw new Error("no key for you");
    },
  };
  // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
  const call = (options: any) => () => throughlineFormat(options);
  expect(call(proxy)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineFormat: could not read \`options\`: Cannot perform 'get' on a proxy that has been revoked]`,
  );
  expect(call({ key: proxy })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineFormat: expected \`options.key\` to be a non-empty string, got an object]`,
  );
  expect(call(throwing)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineFormat: could not read \`options\`: no key for you]`,
  );
});

import { AsyncLocalStorage } from "node:async_hooks";
import { expect, test } from "vitest";
import { throughlineMeta } from "../src/index.js";
import { memoryLogger } from "./support/memory-logger.js";
import { nest } from "./support/nest.js";

test("your own defaultMeta fields pass through beside the chain", () => {
  const { logger, lines } = memoryLogger({
    defaultMeta: throughlineMeta({ service: "lab", region: "eu" }),
  });
  nest(["acquisition"], () => logger.info("composed"));
  expect(lines).toEqual([
    {
      level: "info",
      message: "composed",
      service: "lab",
      region: "eu",
      throughline: ["acquisition"],
    },
  ]);
});

test("a getter in your defaultMeta stays a getter, read at each call", () => {
  const request = new AsyncLocalStorage<string>();
  const { logger, lines } = memoryLogger({
    defaultMeta: throughlineMeta({
      get requestId() {
        return request.getStore();
      },
    }),
  });
  request.run("r-1", () => nest(["handle"], () => logger.info("first")));
  request.run("r-2", () => logger.info("second"));
  expect(lines).toEqual([
    { level: "info", message: "first", requestId: "r-1", throughline: ["handle"] },
    { level: "info", message: "second", requestId: "r-2" },
  ]);
});

test("the object you pass is copied, not changed; logger.defaultMeta takes later changes", () => {
  const mine = { service: "lab" };
  const meta = throughlineMeta(mine);
  expect(meta).not.toBe(mine);
  expect(Object.getOwnPropertySymbols(mine)).toEqual([]);
  expect(JSON.stringify(meta)).toBe('{"service":"lab"}');

  const { logger, lines } = memoryLogger({ defaultMeta: meta });
  (logger.defaultMeta as Record<string, unknown>).version = 2;
  nest(["acquisition"], () => logger.info("changed"));
  expect(lines[0]).toMatchObject({ service: "lab", version: 2, throughline: ["acquisition"] });
});

test("the capture is invisible to JSON and to key listings", () => {
  const meta = throughlineMeta();
  expect(Object.keys(meta)).toEqual([]);
  expect(JSON.stringify(meta)).toBe("{}");
  // The same chain the format writes, captured whenever winston copies defaultMeta.
  const copy = nest(["acquisition"], () => ({ ...meta }));
  expect(Object.getOwnPropertySymbols(copy).map((key) => (copy as never)[key])).toEqual([
    { chain: ["acquisition"], used: false },
  ]);
});

test("wrong defaultMeta is named in a TypeError", () => {
  // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
  const call = (value: any) => () => throughlineMeta(value);
  expect(call("lab")).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMeta: expected \`defaultMeta\` to be an object, got "lab" (string)]`,
  );
  expect(call(null)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMeta: expected \`defaultMeta\` to be an object, got null]`,
  );
  expect(call([1])).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughlineMeta: expected \`defaultMeta\` to be an object, got an array]`,
  );
});

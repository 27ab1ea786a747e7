import { type SemanticSnapshot, SemanticStack, throughline } from "@gentletask/semantic-stack";
import { expect, expectTypeOf, test } from "vitest";

// These are compile-time checks: `pnpm typecheck` fails if a type is wrong or
// if an `@ts-expect-error` line stops being an error.
test("throughline frames must carry name at compile time", () => {
  throughline.run({ name: "ok" }, () => 1);
  throughline.run({ name: "ok", extra: true }, () => 1);
  // @ts-expect-error a frame literal without `name` is a type error
  expect(() => throughline.run({ other: 1 }, () => 1)).toThrow(TypeError);
});

test("required keys come from the constructor", () => {
  const stack = new SemanticStack("s", { required: ["id", "kind"] });
  expectTypeOf(stack).toEqualTypeOf<SemanticStack<"id" | "kind">>();
  stack.run({ id: 1, kind: "x" }, () => 1);
  // @ts-expect-error `kind` is missing
  expect(() => stack.run({ id: 1 }, () => 1)).toThrow(TypeError);
  const free = new SemanticStack();
  free.run({}, () => 1);
});

test("run returns fn's type, promises included", () => {
  expectTypeOf(throughline.run({ name: "x" }, () => 42)).toEqualTypeOf<number>();
  expectTypeOf(throughline.run({ name: "x" }, async () => "s")).toEqualTypeOf<Promise<string>>();
});

test("readers are typed", () => {
  expectTypeOf(throughline.get("k")).toEqualTypeOf<unknown>();
  expectTypeOf(throughline.get<string>("k")).toEqualTypeOf<string | undefined>();
  expectTypeOf(throughline.get("k", 5)).toEqualTypeOf<number>();
  expectTypeOf(throughline.collect<string>("name")).toEqualTypeOf<string[]>();
  expectTypeOf(throughline.walk((frame) => Object.keys(frame).length)).toEqualTypeOf<number[]>();
  expectTypeOf(throughline.frames()).toEqualTypeOf<Record<string, unknown>[]>();
  expectTypeOf(throughline.depth).toEqualTypeOf<number>();
  expectTypeOf(throughline.snapshot()).toEqualTypeOf<SemanticSnapshot>();
  expectTypeOf(throughline.errorFrames(new Error())).toEqualTypeOf<
    Record<string, unknown>[] | undefined
  >();
});

test("bind keeps the function's type", () => {
  const bound = throughline.bind((a: number, b: string) => `${a}${b}`);
  expectTypeOf(bound).toEqualTypeOf<(a: number, b: string) => string>();
});

import { SemanticStack, throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";

const labeled = new SemanticStack("labeled", { required: ["name", "id"] });

test("a frame missing required keys throws a TypeError naming the stack and the keys", () => {
  expect(() => labeled.run({ name: "x" } as never, () => 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: labeled.run: frame is missing required key "id" (stack "labeled" requires "name", "id")]`,
  );
  expect(() => labeled.run({} as never, () => 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: labeled.run: frame is missing required keys "name", "id" (stack "labeled" requires "name", "id")]`,
  );
});

test("nothing is pushed and fn is not called when a required key is missing", () => {
  let called = false;
  labeled.run({ name: "outer", id: 1 }, () => {
    expect(() =>
      labeled.run({ extra: true } as never, () => {
        called = true;
      }),
    ).toThrow(TypeError);
    expect(labeled.depth).toBe(1);
  });
  expect(called).toBe(false);
});

test("required is a floor, not a schema: extra keys are welcome", () => {
  labeled.run({ name: "ok", id: 2, extra: "also fine" }, () => {
    expect(labeled.get("extra")).toBe("also fine");
  });
});

test("a required key that is present with the value undefined counts as present", () => {
  labeled.run({ name: undefined, id: undefined }, () => expect(labeled.depth).toBe(1));
});

test("inherited keys do not satisfy required", () => {
  const frame = Object.create({ name: "inherited", id: 1 }) as { name: string; id: number };
  expect(() => labeled.run(frame, () => 1)).toThrow(/missing required keys "name", "id"/);
});

test("the throughline requires name", () => {
  expect(() => throughline.run({} as never, () => 1)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: throughline.run: frame is missing required key "name" (stack "throughline" requires "name")]`,
  );
});

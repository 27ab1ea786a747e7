import { SemanticStack, throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";

const ctx = new SemanticStack("ctx");

function nested<T>(fn: () => T): T {
  return ctx.run({ operation: "abc123", user: "alice" }, () =>
    ctx.run({ step: 1 }, () => ctx.run({ operation: "resize" }, fn)),
  );
}

test("get reads the innermost frame that has the key", () => {
  nested(() => {
    expect(ctx.get("operation")).toBe("resize");
    expect(ctx.get("user")).toBe("alice");
    expect(ctx.get("missing")).toBeUndefined();
  });
});

test("get falls back only when no frame has the key", () => {
  nested(() => {
    expect(ctx.get("missing", "fallback")).toBe("fallback");
    expect(ctx.get("user", "fallback")).toBe("alice");
  });
  ctx.run({ present: undefined }, () => {
    expect(ctx.get("present", "fallback")).toBeUndefined();
  });
});

test("collect gives all values outermost first, skipping frames without the key", () => {
  nested(() => {
    expect(ctx.collect("operation")).toEqual(["abc123", "resize"]);
    expect(ctx.collect("step")).toEqual([1]);
    expect(ctx.collect("missing")).toEqual([]);
  });
  expect(ctx.collect("operation")).toEqual([]);
});

test("keys are own data: inherited names such as toString are not found", () => {
  ctx.run({ a: 1 }, () => {
    expect(ctx.get("toString")).toBeUndefined();
    expect(ctx.collect("constructor")).toEqual([]);
    expect(ctx.get("hasOwnProperty", "none")).toBe("none");
  });
});

test("walk maps fresh frame objects outermost first", () => {
  nested(() => {
    const frames = ctx.walk((frame) => frame);
    expect(frames).toEqual([
      { operation: "abc123", user: "alice" },
      { step: 1 },
      { operation: "resize" },
    ]);
    (frames[0] as Record<string, unknown>).user = "mallory";
    expect(ctx.get("user")).toBe("alice");
    expect(ctx.walk((frame) => Object.keys(frame).length)).toEqual([2, 1, 1]);
  });
});

test("frames returns fresh objects each call; changing them does not change the stack", () => {
  nested(() => {
    const first = ctx.frames();
    const second = ctx.frames();
    expect(first).toEqual(second);
    expect(first[0]).not.toBe(second[0]);
    first.pop();
    (first[0] as Record<string, unknown>).operation = "tampered";
    expect(ctx.frames()).toEqual(second);
  });
});

test("depth counts the pushed frames", () => {
  expect(ctx.depth).toBe(0);
  nested(() => expect(ctx.depth).toBe(3));
  ctx.run({}, () => expect(ctx.depth).toBe(1));
});

test("collect and get return the stored value itself (values are not deep-copied)", () => {
  const value = { id: 7 };
  ctx.run({ value }, () => {
    expect(ctx.get("value")).toBe(value);
  });
});

test("the throughline collects names, the chain logs show", () => {
  throughline.run({ name: "acquisition" }, () =>
    throughline.run({ name: "calibrate" }, () => {
      expect(throughline.collect("name")).toEqual(["acquisition", "calibrate"]);
      expect(throughline.name).toBe("throughline");
    }),
  );
});

test("a stack's name defaults and is readable", () => {
  expect(new SemanticStack().name).toBe("semantic-stack");
  expect(new SemanticStack("requests").name).toBe("requests");
});

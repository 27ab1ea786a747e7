import { SemanticStack, throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";

function raiseIn(names: string[], error: unknown): never {
  const [first, ...rest] = names;
  if (first === undefined) throw error;
  return throughline.run({ name: first }, () => raiseIn(rest, error));
}

test("a synchronous throw remembers the frames where it escaped the innermost block", () => {
  const error = new Error("kaboom");
  expect(() => raiseIn(["acquisition", "calibrate"], error)).toThrow(error);
  expect(throughline.errorFrames(error)).toEqual([{ name: "acquisition" }, { name: "calibrate" }]);
});

test("a rejection of the returned promise remembers its raise site", async () => {
  const error = new Error("later");
  const promise = throughline.run({ name: "outer" }, () =>
    throughline.run({ name: "inner" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      throw error;
    }),
  );
  await expect(promise).rejects.toBe(error);
  expect(throughline.errorFrames(error)?.map((frame) => frame.name)).toEqual(["outer", "inner"]);
});

test("an error that already remembers a raise site keeps it as it propagates outward", () => {
  const error = new Error("first");
  const rethrow = () =>
    throughline.run({ name: "handler" }, () => {
      try {
        raiseIn(["deep", "deeper"], error);
      } catch (caught) {
        throughline.run({ name: "cleanup" }, () => {
          throw caught;
        });
      }
    });
  expect(rethrow).toThrow(error);
  expect(throughline.errorFrames(error)?.map((frame) => frame.name)).toEqual([
    "handler",
    "deep",
    "deeper",
  ]);
});

test("errorFrames follows cause when the error itself has none", () => {
  const root = new Error("root");
  try {
    raiseIn(["db", "query"], root);
  } catch {}
  const wrapped = new Error("wrapped", { cause: new Error("middle", { cause: root }) });
  expect(throughline.errorFrames(wrapped)?.map((frame) => frame.name)).toEqual(["db", "query"]);
});

test("errorFrames is undefined for errors that never escaped a run block", () => {
  expect(throughline.errorFrames(new Error("plain"))).toBeUndefined();
  expect(throughline.errorFrames(undefined)).toBeUndefined();
  expect(throughline.errorFrames("a string")).toBeUndefined();
});

test("errorFrames survives a cause cycle and a throwing cause getter", () => {
  const a = new Error("a") as Error & { cause?: unknown };
  const b = new Error("b", { cause: a });
  a.cause = b;
  expect(throughline.errorFrames(a)).toBeUndefined();
  const hostile = {};
  Object.defineProperty(hostile, "cause", {
    get() {
      throw new Error("no");
    },
  });
  expect(throughline.errorFrames(hostile)).toBeUndefined();
});

test("non-object throws pass through untouched", async () => {
  expect(() => raiseIn(["x"], "just a string")).toThrow("just a string");
  await expect(throughline.run({ name: "x" }, () => Promise.reject(42))).rejects.toBe(42);
});

test("frozen errors are remembered too", () => {
  const error = Object.freeze(new Error("frozen"));
  expect(() => raiseIn(["frozen-site"], error)).toThrow();
  expect(throughline.errorFrames(error)).toEqual([{ name: "frozen-site" }]);
});

test("each stack remembers its own raise sites", () => {
  const other = new SemanticStack("other");
  const error = new Error("both");
  expect(() =>
    other.run({ op: "o" }, () =>
      throughline.run({ name: "t" }, () => {
        throw error;
      }),
    ),
  ).toThrow(error);
  expect(throughline.errorFrames(error)).toEqual([{ name: "t" }]);
  expect(other.errorFrames(error)).toEqual([{ op: "o" }]);
});

test("errorFrames hands out fresh copies", () => {
  const error = new Error("x");
  expect(() => raiseIn(["site"], error)).toThrow();
  const frames = throughline.errorFrames(error);
  (frames?.[0] as Record<string, unknown>).name = "tampered";
  expect(throughline.errorFrames(error)).toEqual([{ name: "site" }]);
});

test("the rejection stays unhandled-visible: run returns a promise that rejects like fn's", async () => {
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => unhandled.push(reason);
  const vitestListeners = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  process.on("unhandledRejection", listener);
  try {
    const error = new Error("nobody waits");
    throughline.run({ name: "forgotten" }, async () => {
      throw error;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(unhandled).toEqual([error]);
  } finally {
    process.off("unhandledRejection", listener);
    for (const l of vitestListeners) process.on("unhandledRejection", l);
  }
});

test("a Promise subclass or a thenable comes back as it is", async () => {
  class Tracked<T> extends Promise<T> {
    // A constructor Promise's machinery cannot call as it calls Promise's.
    constructor(executor: (resolve: (value: T) => void, reject: (error: unknown) => void) => void) {
      super(executor);
    }
    static override get [Symbol.species]() {
      return class {
        constructor() {
          throw new TypeError("not for species use");
        }
      } as unknown as PromiseConstructor;
    }
  }
  const tracked = new Tracked<number>((resolve) => resolve(1));
  expect(throughline.run({ name: "sub" }, () => tracked)).toBe(tracked);
  // biome-ignore lint/suspicious/noThenProperty: a custom thenable is the point
  const thenable = { then: (resolve: (value: number) => void) => resolve(2) };
  expect(throughline.run({ name: "thenable" }, () => thenable)).toBe(thenable);
});

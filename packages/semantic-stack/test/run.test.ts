import { EventEmitter } from "node:events";
import { setTimeout as delay } from "node:timers/promises";
import { SemanticStack, throughline } from "@gentletask/semantic-stack";
import { describe, expect, test } from "vitest";

const names = () => throughline.collect<string>("name");

// Context tests run from several starting states (STYLE 15): at the root,
// inside a frame, and inside a restored snapshot.
const startingStates: [string, <T>(fn: () => T) => T][] = [
  ["at the root", (fn) => fn()],
  ["inside a frame", (fn) => throughline.run({ name: "outer" }, fn)],
  ["inside a restored snapshot", (fn) => throughline.restore([{ name: "restored" }], fn)],
];

describe.each(startingStates)("run, %s", (_, start) => {
  test("pushes the frame for the callback and pops it after", () => {
    start(() => {
      const before = names();
      const inside = throughline.run({ name: "work" }, names);
      expect(inside).toEqual([...before, "work"]);
      expect(names()).toEqual(before);
    });
  });

  test("returns what fn returns; a promise stays a promise", async () => {
    await start(async () => {
      expect(throughline.run({ name: "x" }, () => 42)).toBe(42);
      const promise = throughline.run({ name: "x" }, async () => "later");
      expect(promise).toBeInstanceOf(Promise);
      expect(await promise).toBe("later");
    });
  });

  test("the frame is seen by timers, promises and callbacks started inside", async () => {
    await start(async () => {
      const before = names();
      const seen: string[][] = [];
      await throughline.run({ name: "inside" }, async () => {
        await new Promise<void>((resolve) =>
          setTimeout(() => {
            seen.push(names());
            resolve();
          }, 1),
        );
        await Promise.resolve().then(() => seen.push(names()));
        await new Promise<void>((resolve) =>
          setImmediate(() => {
            seen.push(names());
            resolve();
          }),
        );
        queueMicrotask(() => seen.push(names()));
        await delay(1);
        seen.push(names());
      });
      expect(seen).toEqual(Array.from({ length: 5 }, () => [...before, "inside"]));
      expect(names()).toEqual(before);
    });
  });
});

test("nothing outside run sees its frame, even while its async work is pending", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const pending = throughline.run({ name: "inside" }, async () => {
    await gate;
    return names();
  });
  expect(names()).toEqual([]);
  const outsideTimer = await new Promise<string[]>((resolve) =>
    setTimeout(() => resolve(names()), 1),
  );
  expect(outsideTimer).toEqual([]);
  release();
  expect(await pending).toEqual(["inside"]);
});

test("concurrent async flows are isolated from each other", async () => {
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      throughline.run({ name: `flow-${i}` }, async () => {
        const seen: string[] = [];
        for (let step = 0; step < 3; step++) {
          await delay(Math.random() * 3);
          await throughline.run({ name: `step-${step}` }, async () => {
            await null;
            seen.push(names().join("/"));
          });
        }
        return seen;
      }),
    ),
  );
  results.forEach((seen, i) => {
    expect(seen).toEqual([0, 1, 2].map((step) => `flow-${i}/step-${step}`));
  });
});

test("copies the frame on entry: a later change to the object does not reach the stack", () => {
  const frame: Record<string, unknown> = { name: "original", extra: 1 };
  throughline.run(frame as { name: string }, () => {
    frame.name = "changed";
    frame.added = true;
    delete frame.extra;
    expect(throughline.frames()).toEqual([{ name: "original", extra: 1 }]);
  });
});

test("a frame of one stack is invisible to another", () => {
  const other = new SemanticStack("other");
  other.run({ op: "resize" }, () => {
    expect(throughline.depth).toBe(0);
    expect(other.get("op")).toBe("resize");
  });
});

test("event listeners run in the context of emit, which bind fixes", () => {
  const emitter = new EventEmitter();
  const seen: string[][] = [];
  throughline.run({ name: "subscriber" }, () => {
    emitter.on("plain", () => seen.push(names()));
    emitter.on(
      "bound",
      throughline.bind(() => seen.push(names())),
    );
  });
  throughline.run({ name: "publisher" }, () => {
    emitter.emit("plain");
    emitter.emit("bound");
  });
  expect(seen).toEqual([["publisher"], ["subscriber"]]);
});

test("bind keeps `this` and arguments, and works from any later caller", async () => {
  const stack = new SemanticStack("ctx");
  const target = {
    factor: 10,
    scale(this: { factor: number }, value: number) {
      return [value * this.factor, stack.get("op")];
    },
  };
  const bound = stack.run({ op: "bound-here" }, () => stack.bind(target.scale));
  const object = { factor: 3, bound };
  expect(object.bound(2)).toEqual([6, "bound-here"]);
  const later = await stack.run({ op: "elsewhere" }, async () => {
    await delay(1);
    return object.bound(1);
  });
  expect(later).toEqual([3, "bound-here"]);
});

test("bind at the root runs with an empty stack wherever it is called", () => {
  const bound = throughline.bind(() => throughline.depth);
  expect(throughline.run({ name: "x" }, bound)).toBe(0);
});

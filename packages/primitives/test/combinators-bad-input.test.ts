import { all, allSettled, any, limit, mapConcurrent, race, retry } from "@gentletask/primitives";
import { spawn, taskTree } from "@gentletask/tasks";
import { describe, expect, test } from "vitest";

const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};

/** Nothing was started by a refused call. */
const noTasksLeft = () => expect(taskTree().filter((node) => node.name !== "vitest")).toEqual([]);

describe("limit refuses a bad concurrency", () => {
  test("0, -1, 1.5 and NaN are RangeErrors; Infinity is allowed", () => {
    expect(() => limit(0)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: limit: expected \`concurrency\` to be a positive integer or Infinity, got 0 (number)]`,
    );
    expect(() => limit(-1)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: limit: expected \`concurrency\` to be a positive integer or Infinity, got -1 (number)]`,
    );
    expect(() => limit(1.5)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: limit: expected \`concurrency\` to be a positive integer or Infinity, got 1.5 (number)]`,
    );
    expect(() => limit(Number.NaN)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: limit: expected \`concurrency\` to be a positive integer or Infinity, got NaN (number)]`,
    );
    expect(() => limit("4" as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: limit: expected \`concurrency\` to be a positive integer or Infinity, got "4" (string)]`,
    );
    expect(limit(Number.POSITIVE_INFINITY).concurrency).toBe(Number.POSITIVE_INFINITY);
  });

  test("setting concurrency to a bad value throws and changes nothing", () => {
    const limiter = limit(2);
    expect(() => {
      limiter.concurrency = 0;
    }).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: limit: setting concurrency: expected \`concurrency\` to be a positive integer or Infinity, got 0 (number)]`,
    );
    expect(limiter.concurrency).toBe(2);
  });

  test("a bad option or a non-function job is a TypeError, and nothing is queued", () => {
    expect(() => limit(1, { nmae: "x" } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: limit: unknown option \`nmae\` (known: \`name\`)]`,
    );
    expect(() => limit(1, { name: 5 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: limit: expected \`options.name\` to be a string, got 5 (number)]`,
    );
    expect(() => limit(1, revoked() as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: limit: could not read \`options\`: Cannot perform 'ownKeys' on a proxy that has been revoked]`,
    );
    const limiter = limit(1);
    expect(() => limiter(42 as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: limit: expected \`fn\` to be a function, got 42 (number)]`,
    );
    expect([limiter.activeCount, limiter.pendingCount]).toEqual([0, 0]);
    noTasksLeft();
  });
});

describe("all, allSettled, race and any refuse bad work", () => {
  test("a non-iterable, or an item that is neither task nor function", () => {
    expect(() => all(42 as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: all: expected \`work\` to be an iterable of tasks and functions, got 42 (number)]`,
    );
    expect(() => all("ab" as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: all: expected \`work\` to be an iterable of tasks and functions, got "ab" (string)]`,
    );
    expect(() => allSettled([() => 1, 7] as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: allSettled: expected \`work[1]\` to be a task or a function, got 7 (number)]`,
    );
    expect(() => any(null as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: any: expected \`work\` to be an iterable of tasks and functions, got null]`,
    );
    expect(() => all(revoked() as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: all: could not read \`work\`: Cannot perform 'get' on a proxy that has been revoked]`,
    );
    noTasksLeft();
  });

  test("an iterable that throws, or an item whose inspection throws", () => {
    const throwing = {
      *[Symbol.iterator]() {
        yield () => 1;
        throw new Error("generator broke");
      },
    };
    expect(() => all(throwing as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: all: could not read \`work\`: generator broke]`,
    );
    // `isTask` never throws: a revoked Proxy is simply not a task.
    expect(() => race([revoked()] as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: race: expected \`work[0]\` to be a task or a function, got an object]`,
    );
    noTasksLeft();
  });

  test("an empty race would never settle, so it is refused", () => {
    expect(() => race([])).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: race: expected \`work\` to hold at least one task or function, got none (an empty race would never settle)]`,
    );
  });

  test("bad options", () => {
    expect(() => all([], { name: 1 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: all: expected \`options.name\` to be a string, got 1 (number)]`,
    );
    expect(() => race([() => 1], { timeout: 5 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: race: unknown option \`timeout\` (known: \`name\`)]`,
    );
    expect(() =>
      any([() => 1], {
        get name(): string {
          throw new Error("getter threw");
        },
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: any: could not read \`options.name\`: getter threw]`,
    );
    noTasksLeft();
  });

  test("a refused item starts none of the others", () => {
    let ran = false;
    const existing = spawn(() => 1, { name: "existing" });
    expect(() =>
      all([
        () => {
          ran = true;
        },
        existing,
        Symbol("x"),
      ] as never),
    ).toThrow(TypeError);
    expect(ran).toBe(false);
  });
});

describe("mapConcurrent refuses bad arguments", () => {
  test("items, concurrency, fn and options", () => {
    expect(() => mapConcurrent(3 as never, 1, (x) => x)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: mapConcurrent: expected \`items\` to be an iterable or async iterable, got 3 (number)]`,
    );
    expect(() => mapConcurrent([1], 0, (x) => x)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: mapConcurrent: expected \`concurrency\` to be a positive integer or Infinity, got 0 (number)]`,
    );
    expect(() => mapConcurrent([1], 2.5, (x) => x)).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: mapConcurrent: expected \`concurrency\` to be a positive integer or Infinity, got 2.5 (number)]`,
    );
    expect(() => mapConcurrent([1], 1, "fn" as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: mapConcurrent: expected \`fn\` to be a function, got "fn" (string)]`,
    );
    expect(() =>
      mapConcurrent([1], 1, (x) => x, { concurrency: 2 } as never),
    ).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: mapConcurrent: unknown option \`concurrency\` (known: \`name\`)]`,
    );
    noTasksLeft();
  });
});

describe("retry refuses bad options", () => {
  test("attempts 0, negative delays, a small factor, and wrong types", () => {
    const fn = () => 1;
    expect(() => retry(fn, { attempts: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: retry: expected \`options.attempts\` to be a positive integer or Infinity, got 0 (number)]`,
    );
    expect(() => retry(fn, { attempts: 2.5 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: retry: expected \`options.attempts\` to be a positive integer or Infinity, got 2.5 (number)]`,
    );
    expect(() => retry(fn, { minDelayMs: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: retry: expected \`options.minDelayMs\` to be a non-negative number of milliseconds, got -1 (number)]`,
    );
    expect(() => retry(fn, { maxDelayMs: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: retry: expected \`options.maxDelayMs\` to be a non-negative number of milliseconds, got NaN (number)]`,
    );
    expect(() =>
      retry(fn, { minDelayMs: 500, maxDelayMs: 100 }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: retry: expected \`options.maxDelayMs\` to be at least options.minDelayMs (500), got 100 (number)]`,
    );
    expect(() => retry(fn, { factor: 0.5 })).toThrowErrorMatchingInlineSnapshot(
      `[RangeError: retry: expected \`options.factor\` to be a finite number of at least 1, got 0.5 (number)]`,
    );
    expect(() => retry(fn, { jitter: "full" as never })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: retry: expected \`options.jitter\` to be a boolean, got "full" (string)]`,
    );
    expect(() => retry(fn, { retryIf: true as never })).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: retry: expected \`options.retryIf\` to be a function, got true (boolean)]`,
    );
    expect(() => retry(fn, { retries: 3 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: retry: unknown option \`retries\` (known: \`attempts\`, \`minDelayMs\`, \`maxDelayMs\`, \`factor\`, \`jitter\`, \`retryIf\`, \`onRetry\`, \`name\`)]`,
    );
    expect(() => retry(undefined as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: retry: expected \`fn\` to be a function, got undefined (undefined)]`,
    );
    noTasksLeft();
  });
});

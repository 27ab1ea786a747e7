import { retry, sleep, withTimeout } from "@gentletask/primitives";
import { Stopped, spawn, TaskTimeoutError, taskChain, taskTree } from "@gentletask/tasks";
import { describe, expect, test, vi } from "vitest";
import { outcome, until } from "./support.js";

describe("retry", () => {
  test("retries until an attempt succeeds; each attempt is a child task named <name>#<attempt>", async () => {
    const chains: string[][] = [];
    const value = await retry(
      (attempt) => {
        chains.push(taskChain());
        if (attempt < 3) throw new Error(`attempt ${attempt} failed`);
        return `ok on ${attempt}`;
      },
      { name: "flaky", minDelayMs: 1 },
    );
    expect(value).toBe("ok on 3");
    expect(chains).toEqual([
      ["flaky", "flaky#1"],
      ["flaky", "flaky#2"],
      ["flaky", "flaky#3"],
    ]);
  });

  test("after the last attempt it rejects with an AggregateError of every error, the last as cause", async () => {
    const result = await outcome(
      retry(
        (attempt) => {
          throw new Error(`failure ${attempt}`);
        },
        { attempts: 3, minDelayMs: 0 },
      ).wait(),
    );
    const error = (result as { error: AggregateError }).error;
    expect(error).toBeInstanceOf(AggregateError);
    expect(error.message).toMatchInlineSnapshot(`"retry: 3 attempts failed; the last: failure 3"`);
    expect(error.errors.map((e: Error) => e.message)).toEqual([
      "failure 1",
      "failure 2",
      "failure 3",
    ]);
    expect((error.cause as Error).message).toBe("failure 3");
  });

  test("a single attempt rejects with its error as it is", async () => {
    const boom = new Error("boom");
    const result = await outcome(
      retry(
        () => {
          throw boom;
        },
        { attempts: 1 },
      ).wait(),
    );
    expect((result as { error: unknown }).error).toBe(boom);
  });

  test("the delays grow by factor from minDelayMs, capped at maxDelayMs; jitter picks within [0, delay)", async () => {
    const delays: number[] = [];
    const realSetTimeout = globalThis.setTimeout as (
      ...args: unknown[]
    ) => ReturnType<typeof setTimeout>;
    const spy = vi.spyOn(globalThis, "setTimeout").mockImplementation(((
      fn: () => void,
      ms: number,
      ...args: unknown[]
    ) => {
      delays.push(ms);
      return realSetTimeout(fn, 0, ...args);
    }) as typeof setTimeout);
    try {
      await outcome(
        retry(
          () => {
            throw new Error("no");
          },
          { attempts: 6, minDelayMs: 10, factor: 3, maxDelayMs: 200 },
        ).wait(),
      );
      expect(delays).toEqual([10, 30, 90, 200, 200]);
      delays.length = 0;
      const random = vi.spyOn(Math, "random").mockReturnValue(0.5);
      await outcome(
        retry(
          () => {
            throw new Error("no");
          },
          { attempts: 3, minDelayMs: 10, jitter: true },
        ).wait(),
      );
      random.mockRestore();
      expect(delays).toEqual([5, 10]);
    } finally {
      spy.mockRestore();
    }
  });

  test("retryIf decides, onRetry hears each retry before its wait", async () => {
    const heard: unknown[] = [];
    const result = await outcome(
      retry(
        (attempt) => {
          throw new Error(attempt === 1 ? "transient" : "fatal");
        },
        {
          attempts: 5,
          minDelayMs: 0,
          retryIf: (error) => (error as Error).message === "transient",
          onRetry: (error, attempt) => heard.push([(error as Error).message, attempt]),
        },
      ).wait(),
    );
    expect(heard).toEqual([["transient", 1]]);
    const error = (result as { error: AggregateError }).error;
    expect(error.errors.map((e: Error) => e.message)).toEqual(["transient", "fatal"]);
  });

  test("a Stopped is never retried", async () => {
    let attempts = 0;
    const result = await outcome(
      retry(
        () => {
          attempts += 1;
          throw new Stopped("gave up inside");
        },
        { attempts: 5, minDelayMs: 0 },
      ).wait(),
    );
    expect(attempts).toBe(1);
    expect((result as { error: Stopped }).error.reason).toBe("gave up inside");
  });

  test("stopping the retry during its backoff ends it at once, with no further attempt", async () => {
    let attempts = 0;
    const task = retry(
      () => {
        attempts += 1;
        throw new Error("down");
      },
      { attempts: 10, minDelayMs: 60_000, name: "reconnect" },
    );
    await until(() => attempts === 1);
    await task.stop("shutting down");
    const result = await outcome(task.wait());
    expect((result as { error: Stopped }).error).toBeInstanceOf(Stopped);
    expect((result as { error: Stopped }).error.reason).toBe("shutting down");
    expect(attempts).toBe(1);
  });

  test("stopping the retry stops the running attempt", async () => {
    const events: string[] = [];
    const task = retry(async () => {
      try {
        await sleep(Number.POSITIVE_INFINITY);
      } finally {
        events.push("attempt cleaned up");
      }
    });
    await until(() =>
      taskTree().some((node) => node.name === "retry" && node.children.length === 1),
    );
    await task.stop("cancel");
    expect(events).toEqual(["attempt cleaned up"]);
  });

  test("an enclosing withTimeout ends it at its deadline: no attempt starts after", async () => {
    let attempts = 0;
    const result = await outcome(
      withTimeout(30, () =>
        retry(
          () => {
            attempts += 1;
            throw new Error("still down");
          },
          { attempts: 1_000, minDelayMs: 5, maxDelayMs: 5 },
        ).wait(),
      ),
    );
    expect((result as { error: unknown }).error).toBeInstanceOf(TaskTimeoutError);
    const seen = attempts;
    await sleep(20);
    expect(attempts).toBe(seen);
  });

  test("a per-attempt withTimeout inside fn is retried like any failure", async () => {
    const value = await retry(
      (attempt) =>
        withTimeout(attempt === 1 ? 1 : 1_000, async () => {
          await sleep(attempt === 1 ? 50 : 0);
          return attempt;
        }),
      { minDelayMs: 0 },
    );
    expect(value).toBe(2);
  });

  test("the retry task is a child of its caller", async () => {
    const caller = spawn(
      () => retry(() => sleep(Number.POSITIVE_INFINITY), { name: "poller" }).wait(),
      { name: "service" },
    );
    await until(() =>
      taskTree().some((node) => node.name === "service" && node.children[0]?.name === "poller"),
    );
    await caller.stop("bye");
    expect(taskTree().some((node) => node.name === "service")).toBe(false);
  });
});

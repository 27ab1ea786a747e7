import { sleep, withTimeout } from "@gentletask/primitives";
import { currentTask, Stopped, spawn, TaskTimeoutError, taskChain } from "@gentletask/tasks";
import { expect, test } from "vitest";
import { nextTurn, outcome, until } from "./support.js";

test("resolves with the result of a sync or async fn that finishes in time", async () => {
  expect(await withTimeout(60_000, () => 1)).toBe(1);
  expect(
    await withTimeout(60_000, async () => {
      await sleep(1);
      return "async";
    }),
  ).toBe("async");
  expect(await withTimeout(Number.POSITIVE_INFINITY, () => "no deadline")).toBe("no deadline");
});

test("a failure of fn rejects with its error", async () => {
  const failure = new Error("broken");
  await expect(
    withTimeout(60_000, () => {
      throw failure;
    }),
  ).rejects.toBe(failure);
});

test("fn runs as a named child task of the caller", async () => {
  let seen: { chain: string[]; parentIsCaller: boolean } | undefined;
  const caller = spawn(
    async () => {
      const me = currentTask();
      await withTimeout(
        60_000,
        () => {
          seen = { chain: taskChain(), parentIsCaller: currentTask() !== me };
        },
        { name: "bounded" },
      );
    },
    { name: "caller" },
  );
  await caller.wait();
  expect(seen?.chain).toEqual(["caller", "bounded"]);
  expect(seen?.parentIsCaller).toBe(true);
});

test("out of time: the child is stopped with the TaskTimeoutError, and the call rejects once it has unwound", async () => {
  const events: string[] = [];
  let childReason: unknown;
  const result = await outcome(
    withTimeout(
      10,
      async () => {
        try {
          await sleep(60_000);
        } catch (error) {
          childReason = (error as Stopped).reason;
          events.push("child:stopped");
          throw error;
        } finally {
          await new Promise((resolve) => setTimeout(resolve, 5));
          events.push("child:finally done");
        }
      },
      { name: "slow" },
    ).finally(() => events.push("withTimeout:settled")),
  );
  expect(result.ok).toBe(false);
  const error = (result as { error: unknown }).error as TaskTimeoutError;
  expect(error).toBeInstanceOf(TaskTimeoutError);
  expect(error.name).toBe("TimeoutError");
  expect(error.task.name).toBe("slow");
  expect(error.task.isDone).toBe(true);
  expect(childReason).toBe(error);
  expect(events).toEqual(["child:stopped", "child:finally done", "withTimeout:settled"]);
});

test("a stopped caller stops the child with its reason and rejects with its Stopped after the child unwound", async () => {
  const events: string[] = [];
  let childReason: unknown;
  let callerResult: unknown;
  const caller = spawn(async () => {
    callerResult = await outcome(
      withTimeout(60_000, async () => {
        try {
          events.push("child:running");
          await sleep(60_000);
        } catch (error) {
          childReason = (error as Stopped).reason;
          throw error;
        } finally {
          await new Promise((resolve) => setTimeout(resolve, 5));
          events.push("child:finally done");
        }
      }),
    );
    events.push("caller:resumed");
  });
  await until(() => events.includes("child:running"));
  await caller.stop("shutdown");
  expect(childReason).toBe("shutdown");
  expect((callerResult as { error: unknown }).error).toBeInstanceOf(Stopped);
  expect(((callerResult as { error: unknown }).error as Stopped).reason).toBe("shutdown");
  expect(events).toEqual(["child:running", "child:finally done", "caller:resumed"]);
});

test("in an already stopped caller, fn never runs", async () => {
  let ran = false;
  let result: unknown;
  const caller = spawn(async () => {
    await outcome(sleep(60_000));
    result = await outcome(
      withTimeout(60_000, () => {
        ran = true;
      }),
    );
  });
  await nextTurn();
  await caller.stop();
  expect(ran).toBe(false);
  expect((result as { error: unknown }).error).toBeInstanceOf(Stopped);
});

test("a deadline past the timer limit does not fire early", async () => {
  expect(
    await withTimeout(2 ** 31, async () => {
      await sleep(20);
      return "on time";
    }),
  ).toBe("on time");
});

test("bad arguments are refused and nothing runs", () => {
  let ran = false;
  const fn = () => {
    ran = true;
  };
  expect(() => withTimeout(-1, fn)).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: withTimeout: expected \`ms\` to be a non-negative number of milliseconds, got -1 (number)]`,
  );
  expect(() => withTimeout(Number.NaN, fn)).toThrow(RangeError);
  expect(() => withTimeout("5" as never, fn)).toThrow(TypeError);
  expect(() => withTimeout(5, "fn" as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: withTimeout: expected \`fn\` to be a function, got "fn" (string)]`,
  );
  expect(() => withTimeout(5, fn, { name: 3 as never })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: withTimeout: expected \`options.name\` to be a string, got 3 (number)]`,
  );
  expect(() => withTimeout(5, fn, null as never)).toThrow(TypeError);
  expect(ran).toBe(false);
});

/** Keeps the event loop busy for `ms` milliseconds: no timer can fire meanwhile. */
function blockLoop(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy on purpose
  }
}

test("nested: when the loop was busy past both deadlines, the inner call rejects with its own, earlier deadline", async () => {
  // A timer of the outer's duration set before it makes Node run the outer
  // deadline's list first once both are due, although the inner's is earlier.
  const earlier = setTimeout(() => {}, 100);
  blockLoop(20);
  let inner: unknown;
  const outer = await outcome(
    withTimeout(
      100,
      async () => {
        inner = await outcome(
          withTimeout(
            90, // due about 10 ms before the outer deadline
            () => {
              blockLoop(300); // past both deadlines
              return sleep(60_000);
            },
            { name: "inner" },
          ),
        );
      },
      { name: "outer" },
    ),
  );
  clearTimeout(earlier);
  const innerError = (inner as { error: unknown }).error as TaskTimeoutError;
  expect(innerError).toBeInstanceOf(TaskTimeoutError);
  expect(innerError.task.name).toBe("inner");
  const outerError = (outer as { error: unknown }).error as TaskTimeoutError;
  expect(outerError).toBeInstanceOf(TaskTimeoutError);
  expect(outerError.task.name).toBe("outer");
});

test("nested: a stop that is not an earlier deadline still reaches the inner call as Stopped", async () => {
  let inner: unknown;
  const caller = spawn(async () => {
    const pending = outcome(withTimeout(10, () => sleep(60_000), { name: "inner" }));
    blockLoop(30); // the inner deadline passes, but no timer can fire before the stop below
    void currentTask()?.stop("shutdown");
    inner = await pending;
  });
  await outcome(caller.wait());
  expect((inner as { error: unknown }).error).toBeInstanceOf(Stopped);
  expect(((inner as { error: unknown }).error as Stopped).reason).toBe("shutdown");
});

test("a child whose cleanup throws after the deadline stopped it: the call rejects with that failure, not the timeout", async () => {
  const failure = new Error("cleanup broke");
  const caller = spawn(() =>
    withTimeout(5, async () => {
      try {
        await sleep(Number.POSITIVE_INFINITY);
      } finally {
        // biome-ignore lint/correctness/noUnsafeFinally: the cleanup failure under test
        throw failure;
      }
    }).catch((e: unknown) => e),
  );
  expect(await caller).toBe(failure);
});

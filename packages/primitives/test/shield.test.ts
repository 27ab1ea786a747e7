import {
  checkStop,
  Event,
  Queue,
  QueueEmpty,
  shield,
  sleep,
  withTimeout,
} from "@gentletask/primitives";
import { throughline } from "@gentletask/semantic-stack";
import { currentTask, type Stopped, spawn, taskChain } from "@gentletask/tasks";
import { expect, test } from "vitest";
import { nextTurn, outcome, until } from "./support.js";

test("async cleanup in a finally of a stopped task can still sleep, get from a queue and wait on an event", async () => {
  const events: string[] = [];
  const queue = new Queue<string>();
  const event = new Event();
  const task = spawn(
    async () => {
      try {
        events.push("working");
        await sleep(60_000);
      } finally {
        await shield(async () => {
          await sleep(2);
          events.push("cleanup slept");
          events.push(`cleanup got ${await queue.get({ timeoutMs: 60_000 })}`);
          events.push(`cleanup event ${await event.wait(60_000)}`);
        });
        events.push("cleanup done");
      }
    },
    { name: "worker" },
  );
  await until(() => events.includes("working"));
  const stopped = task.stop("shutdown");
  await until(() => events.includes("cleanup slept"));
  queue.putNowait("last message");
  await until(() => events.length === 3);
  event.set();
  await stopped;
  // "Stopped" means "cleaned up": the stop resolves after the shielded cleanup.
  expect(events).toEqual([
    "working",
    "cleanup slept",
    "cleanup got last message",
    "cleanup event true",
    "cleanup done",
  ]);
  const result = await outcome(task.wait());
  expect(((result as { error: unknown }).error as Stopped).reason).toBe("shutdown");
});

test("waits inside a shield keep their own timeouts", async () => {
  let result: unknown;
  const task = spawn(async () => {
    try {
      await sleep(60_000);
    } finally {
      result = await shield(() => outcome(new Queue().get({ timeoutMs: 5 })));
    }
  });
  await nextTurn();
  await task.stop();
  expect((result as { error: unknown }).error).toBeInstanceOf(QueueEmpty);
});

test("the throughline and the current task are unchanged inside a shield", async () => {
  let inside: { chain: string[]; task: unknown } | undefined;
  let outside: { chain: string[]; task: unknown } | undefined;
  const task = spawn(
    () =>
      throughline.run({ name: "step" }, async () => {
        outside = { chain: taskChain(), task: currentTask() };
        inside = await shield(async () => {
          await sleep(0);
          return { chain: taskChain(), task: currentTask() };
        });
      }),
    { name: "job" },
  );
  await task.wait();
  expect(outside?.chain).toEqual(["job", "step"]);
  expect(inside).toEqual(outside);
});

test("resolves with what fn returns; a throw or rejection rejects", async () => {
  expect(await shield(() => 5)).toBe(5);
  expect(await shield(async () => "async")).toBe("async");
  const failure = new Error("cleanup failed");
  await expect(
    shield(() => {
      throw failure;
    }),
  ).rejects.toBe(failure);
  await expect(shield(() => Promise.reject(failure))).rejects.toBe(failure);
});

test("outside any task it simply runs fn", async () => {
  expect(await shield(() => throughline.collect("name"))).toEqual([]);
  checkStop();
});

test("checkStop inside a shield does not throw for the stop", async () => {
  let passed = false;
  const task = spawn(async () => {
    try {
      await sleep(60_000);
    } finally {
      await shield(() => {
        checkStop();
        passed = true;
      });
    }
  });
  await nextTurn();
  await task.stop();
  expect(passed).toBe(true);
});

test("a task started inside a shield is stoppable as usual", async () => {
  let childResult: unknown;
  const task = spawn(async () => {
    await shield(async () => {
      const child = spawn(() => sleep(60_000), { name: "child" });
      await nextTurn();
      await child.stop("child only");
      childResult = await outcome(child.wait());
    });
  });
  await task.wait();
  expect(((childResult as { error: unknown }).error as Stopped).reason).toBe("child only");
});

test("a non-function is refused", () => {
  expect(() => shield(42 as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: shield: expected \`fn\` to be a function, got 42 (number)]`,
  );
});

test("withTimeout inside a shield of a stopped task still runs its child, under its own deadline", async () => {
  let results: unknown[] = [];
  const task = spawn(async () => {
    try {
      await sleep(60_000);
    } finally {
      results = await shield(() =>
        Promise.all([
          withTimeout(60_000, async () => {
            await sleep(1);
            return "cleanup child ran";
          }),
          outcome(withTimeout(5, () => sleep(60_000))),
        ]),
      );
    }
  });
  await nextTurn();
  await task.stop();
  expect(results[0]).toBe("cleanup child ran");
  expect((results[1] as { error: Error }).error.name).toBe("TimeoutError");
});

test("a stop arriving while a shielded withTimeout or child task runs does not cut them short", async () => {
  const results: unknown[] = [];
  const task = spawn(async () => {
    await shield(async () => {
      const timed = withTimeout(60_000, async () => {
        await sleep(20);
        return "withTimeout finished";
      });
      const child = spawn(
        async () => {
          await sleep(20);
          return "child finished";
        },
        { name: "child" },
      );
      results.push(await outcome(timed), await outcome(child.wait()));
    });
  });
  await nextTurn();
  await task.stop("shutdown");
  expect(results).toEqual([
    { ok: true, value: "withTimeout finished" },
    { ok: true, value: "child finished" },
  ]);
});

test("a task the shielded function returns is waited for, not stopped, even by a stopped caller", async () => {
  const results: unknown[] = [];
  const flush = spawn(
    async () => {
      await sleep(20);
      return "flushed";
    },
    { name: "flush", detach: true },
  );
  const task = spawn(async () => {
    try {
      await sleep(Number.POSITIVE_INFINITY);
    } finally {
      results.push(await outcome(shield(() => flush)));
      results.push(
        await outcome(
          shield(() =>
            spawn(async () => {
              await sleep(5);
              return "spawned in the shield";
            }),
          ),
        ),
      );
    }
  });
  await nextTurn();
  await task.stop("shutdown");
  expect(results).toEqual([
    { ok: true, value: "flushed" },
    { ok: true, value: "spawned in the shield" },
  ]);
  expect(flush.isStopped).toBe(false);
});

test("a thenable whose then throws rejects the shield's promise", async () => {
  const failure = new Error("then broke");
  const hostile = {
    // biome-ignore lint/suspicious/noThenProperty: the point is a hostile thenable
    then() {
      throw failure;
    },
  };
  await expect(shield(() => hostile)).rejects.toBe(failure);
});

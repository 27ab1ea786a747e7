import { all, allSettled, any, race, sleep } from "@gentletask/primitives";
import { currentTask, MultiTask, Stopped, spawn, type Task } from "@gentletask/tasks";
import { describe, expect, test } from "vitest";
import { outcome, until } from "./support.js";

const combinators = { all, allSettled, race, any } as const;
type Combinator = (work: Iterable<unknown>) => Task & PromiseLike<unknown>;
const each = Object.entries(combinators) as [string, Combinator][];

describe("a combinator stops only the children it made from functions", () => {
  test.each(each)(
    "%s: a stopped waiter leaves a shared task running for its other waiters",
    async (_name, combinator) => {
      const shared = new ManualShared();
      const requestA = spawn(
        () => combinator([shared.task, () => sleep(Number.POSITIVE_INFINITY)]),
        {
          name: "request A",
        },
      );
      const requestB = spawn(() => shared.task.wait(), { name: "request B" });
      await until(() => requestA.isDone === false && shared.waits() >= 1);
      await requestA.stop("client A disconnected");
      expect((await outcome(requestA.wait())).ok).toBe(false);
      expect(shared.task.isStopped).toBe(false);
      shared.finish("data");
      expect(await requestB).toBe("data");
    },
  );

  test.each(each)(
    "%s: its own stop stops the children it made, and they exit before it settles",
    async (_name, combinator) => {
      const events: string[] = [];
      const child = async () => {
        try {
          await sleep(Number.POSITIVE_INFINITY);
        } finally {
          events.push("child:finally");
        }
      };
      const group = combinator([child]);
      await until(() => group.isDone === false && events.length === 0);
      await sleep(0);
      await group.stop("enough");
      events.push("stopped");
      const result = await outcome(group.wait());
      expect(result.ok).toBe(false);
      expect((result as { error: Stopped }).error).toBeInstanceOf(Stopped);
      expect(events).toEqual(["child:finally", "stopped"]);
    },
  );

  test("race settling early stops its losing function child but not a losing task it was given", async () => {
    const given = spawn(() => sleep(Number.POSITIVE_INFINITY), { name: "given", detach: true });
    let made: Task | undefined;
    const winner = await race([
      given,
      () => {
        made = currentTask();
        return sleep(Number.POSITIVE_INFINITY);
      },
      async () => {
        await sleep(1);
        return "quick";
      },
    ]);
    expect(winner).toBe("quick");
    expect(made?.isStopped).toBe(true);
    expect(made?.isDone).toBe(true);
    expect(given.isStopped).toBe(false);
    await given.stop("done with it");
  });
});

describe("a combinator over its own caller or an ancestor rejects at once", () => {
  test.each(each)(
    "%s([currentTask(), fn]) rejects with an Error naming the tasks",
    async (name, combinator) => {
      let ran = false;
      const outer = spawn(
        () =>
          combinator([
            currentTask(),
            () => {
              ran = true;
              return sleep(Number.POSITIVE_INFINITY);
            },
          ]),
        { name: "caller" },
      );
      const result = await outcome(outer.wait());
      expect(result.ok).toBe(false);
      expect((result as { error: Error }).error.constructor).toBe(Error);
      expect((result as { error: Error }).error.message).toBe(
        `wait: task "${name}" waits on its own ancestor "caller", which cannot finish before "${name}" exits`,
      );
      expect(ran).toBe(false);
    },
  );

  test("race over the caller's parent rejects too", async () => {
    const outer = spawn(
      async () => {
        const parent = currentTask() as Task;
        const inner = spawn(() => race([parent, () => sleep(Number.POSITIVE_INFINITY)]), {
          name: "inner",
        });
        return outcome(inner.wait());
      },
      { name: "outer" },
    );
    const result = await outer;
    expect((result as { error: Error }).error.message).toMatchInlineSnapshot(
      `"wait: task "race" waits on its own ancestor "outer", which cannot finish before "race" exits"`,
    );
  });

  test("a cycle through a combinator is found from the other side", async () => {
    // `first` waits on `all([second])`; `second` then waits on `first`.
    let second: Task | undefined;
    const first: Task = spawn(
      (): Task => {
        second = spawn(
          async (): Promise<unknown> => {
            await sleep(0);
            return first.wait();
          },
          { name: "second", detach: true },
        );
        return all([second], { name: "group" });
      },
      { name: "first" },
    );
    // `group` fails with `second`'s error, and so does `first`.
    const firstOutcome = outcome(first.wait());
    await until(() => second !== undefined);
    const result = await outcome((second as Task).wait());
    expect((result as { error: Error }).error.message).toMatchInlineSnapshot(
      `"wait: a cycle of tasks waiting on each other would never finish: "second" -> "first" -> "group" -> "second""`,
    );
    expect((await firstOutcome).ok).toBe(false);
  });

  test("MultiTask already did so (the same message shape)", async () => {
    const outer = spawn(() => new MultiTask([currentTask() as Task]).wait(), { name: "caller" });
    const result = await outcome(outer.wait());
    expect((result as { error: Error }).error.message).toContain('its own ancestor "caller"');
  });
});

/** A detached task its test finishes by hand, counting how many wait on it. */
class ManualShared {
  #resolve: ((value: string) => void) | undefined;
  readonly task: Task<string>;
  constructor() {
    this.task = spawn(
      () =>
        new Promise<string>((resolve) => {
          this.#resolve = resolve;
        }),
      { name: "shared-fetch", detach: true },
    );
  }
  waits(): number {
    return this.#resolve === undefined ? 0 : 1;
  }
  finish(value: string): void {
    this.#resolve?.(value);
  }
}

import {
  all,
  allSettled,
  any,
  type Limiter,
  limit,
  mapConcurrent,
  type QueueShutDown,
  race,
  retry,
} from "@gentletask/primitives";
import { spawn, type Task } from "@gentletask/tasks";
import { expectTypeOf, test } from "vitest";

// Types only: nothing here runs (the calls sit in functions never called).
test("combinators give typed tasks", () => {
  const typed = () => {
    const task = spawn(async () => 1 as const);
    expectTypeOf(all([() => "a", async () => 2, task])).toEqualTypeOf<
      Task<[string, number, 1]> & PromiseLike<[string, number, 1]>
    >();
    expectTypeOf(all(new Set<() => number>([() => 1]))).toEqualTypeOf<
      Task<number[]> & PromiseLike<number[]>
    >();
    expectTypeOf(allSettled([() => "a", async () => 2])).toEqualTypeOf<
      Task<[PromiseSettledResult<string>, PromiseSettledResult<number>]> &
        PromiseLike<[PromiseSettledResult<string>, PromiseSettledResult<number>]>
    >();
    expectTypeOf(race([() => "a", async () => 2])).toEqualTypeOf<
      Task<string | number> & PromiseLike<string | number>
    >();
    expectTypeOf(any([task, () => "b"])).toEqualTypeOf<
      Task<1 | string> & PromiseLike<1 | string>
    >();
    expectTypeOf(mapConcurrent([1, 2], 2, async (n) => String(n))).toEqualTypeOf<
      Task<string[]> & PromiseLike<string[]>
    >();
    expectTypeOf(retry(async (attempt) => attempt > 1)).toEqualTypeOf<
      Task<boolean> & PromiseLike<boolean>
    >();
    const limiter = limit(2);
    expectTypeOf(limiter).toEqualTypeOf<Limiter>();
    expectTypeOf(limiter(async (a: number, b: string) => a + b.length, 1, "x")).toEqualTypeOf<
      Task<number> & PromiseLike<number>
    >();
    // @ts-expect-error: the arguments must fit the function
    limiter(async (a: number) => a, "not a number");
    // @ts-expect-error: an item must be a task or a function
    all([42]);
    expectTypeOf<QueueShutDown>().toExtend<Error>();
  };
  expectTypeOf(typed).toBeFunction();
});

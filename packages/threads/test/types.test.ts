import type { Task } from "@gentletask/tasks";
import { spawnThread, ThreadWorker, withTransfer } from "@gentletask/threads";
import { spawnOnPool } from "@gentletask/threads/piscina";
import { expectTypeOf, test } from "vitest";

const work = new URL("./fixtures/work.mjs", import.meta.url);

test("thread tasks are tasks of the declared result, and awaitable", () => {
  expectTypeOf(spawnThread<number>).returns.toEqualTypeOf<Task<number> & PromiseLike<number>>();
  expectTypeOf(ThreadWorker.prototype.submit<string>).returns.toEqualTypeOf<
    Task<string> & PromiseLike<string>
  >();
  expectTypeOf(spawnOnPool<boolean>).returns.toEqualTypeOf<Task<boolean> & PromiseLike<boolean>>();
  const sizes = { width: 2, height: 3 };
  expectTypeOf(withTransfer(sizes, [])).toEqualTypeOf<{ width: number; height: number }>();
});

test("wrong options do not type-check", () => {
  // Only checked by the compiler: none of these runs.
  const never = () => {
    // @ts-expect-error a misspelt option
    spawnThread(work, "add", { timeout: 5 });
    // @ts-expect-error args must be an array
    spawnThread(work, "add", { args: 5 });
    // @ts-expect-error a job takes no graceMs of its own
    new ThreadWorker(work).submit("add", { graceMs: 5 });
  };
  expectTypeOf(never).toBeFunction();
});

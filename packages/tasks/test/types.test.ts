import { expect, expectTypeOf, test } from "vitest";
import {
  type AsyncTask,
  asynch,
  ManualTask,
  MultiTask,
  SerialWorker,
  spawn,
  synch,
  type Task,
} from "../src/index.ts";

test("spawn infers the result and the arguments", () => {
  expectTypeOf(spawn(() => 1)).toEqualTypeOf<AsyncTask<number, []>>();
  expectTypeOf(spawn(async () => "x")).toEqualTypeOf<AsyncTask<string, []>>();
  expectTypeOf(spawn((a: number, b: string) => `${a}${b}`, { args: [1, "b"] })).toEqualTypeOf<
    AsyncTask<string, [number, string]>
  >();
  // @ts-expect-error args must match the body's parameters
  spawn((a: number) => a, { args: ["not a number"] });
  // @ts-expect-error raiseErrors is false or a template string
  expect(() => spawn(() => 1, { raiseErrors: true })).toThrow(TypeError);
  // @ts-expect-error onFinish receives the result type
  spawn(() => 1, { onFinish: (result: string | undefined) => result });
});

test("built-in tasks are Tasks and awaitable", async () => {
  expectTypeOf<AsyncTask<number>>().toExtend<Task<number>>();
  expectTypeOf<AsyncTask<number>>().toExtend<PromiseLike<number>>();
  expectTypeOf<ManualTask<string>>().toExtend<Task<string>>();
  const manual = new ManualTask<string>();
  manual.resolve("ok");
  // @ts-expect-error resolve takes the task's type
  manual.resolve(1);
  expectTypeOf(await manual).toEqualTypeOf<string>();
});

test("MultiTask infers a tuple of results from a tuple of tasks", async () => {
  const multi = new MultiTask([spawn(() => 1), new ManualTask<string>()]);
  expectTypeOf(multi).toEqualTypeOf<MultiTask<[number, string]>>();
  const fromIterable = new MultiTask(new Set([spawn(() => 1)]));
  expectTypeOf(fromIterable.tasks).toEqualTypeOf<readonly Task[]>();
  multi.stop();
});

test("SerialWorker.submit gives an awaitable task of the job's result", async () => {
  const worker = new SerialWorker();
  const job = worker.submit(async (n: number) => n * 2, { args: [2] });
  expectTypeOf(job).toExtend<Task<number> & PromiseLike<number>>();
  // @ts-expect-error args must match
  worker.submit((n: number) => n, { args: ["x"] });
  await worker.stop();
});

test("asynch launches tasks; synch unwraps launchers and returned tasks", () => {
  const add = asynch((a: number, b: number) => a + b);
  expectTypeOf(add).parameters.toEqualTypeOf<[number, number]>();
  expectTypeOf(add(1, 2)).toEqualTypeOf<AsyncTask<number, [number, number]>>();
  expectTypeOf(synch(add)).returns.toEqualTypeOf<Promise<number>>();
  expectTypeOf(synch((x: number) => spawn(async () => `${x}`))).returns.toEqualTypeOf<
    Promise<string>
  >();
  expectTypeOf(synch(async () => new ManualTask<boolean>())).returns.toEqualTypeOf<
    Promise<boolean>
  >();
  expectTypeOf(synch((s: string) => s.length)).returns.toEqualTypeOf<Promise<number>>();
});

import { expect, test } from "vitest";
import { ManualTask, Stopped } from "../src/index.ts";

test("resolve completes it once; later resolve, fail and stop change nothing", async () => {
  const finished: unknown[][] = [];
  const task = new ManualTask<number>({
    name: "gate",
    onFinish: (result, error) => finished.push([result, error]),
  });
  expect(task.name).toBe("gate");
  expect(task.isDone).toBe(false);
  expect(task.resolve(1)).toBe(true);
  expect(task.resolve(2)).toBe(false);
  expect(task.fail(new Error("late"))).toBe(false);
  await task.stop("late stop");
  expect(await task).toBe(1);
  expect(task.isDone).toBe(true);
  expect(finished).toEqual([[1, undefined]]);
});

test("fail completes it with the error", async () => {
  const task = new ManualTask<number>();
  const error = new Error("nope");
  expect(task.fail(error)).toBe(true);
  expect(task.resolve(1)).toBe(false);
  await expect(task.wait()).rejects.toBe(error);
});

test("stop completes it with Stopped carrying the reason, and its promise resolves at once", async () => {
  const task = new ManualTask<number>();
  const fired: string[] = [];
  task.addStopCallback(() => fired.push("stop"));
  await task.stop("cancelled");
  expect(fired).toEqual(["stop"]);
  expect(task.isDone).toBe(true);
  expect(task.isStopped).toBe(true);
  const error = await task.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe("cancelled");
  expect(task.resolve(1)).toBe(false);
});

test("the default name is manual", () => {
  expect(new ManualTask().name).toBe("manual");
});

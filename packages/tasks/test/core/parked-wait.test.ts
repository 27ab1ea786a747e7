import { expect, test } from "vitest";
import { ParkedWait } from "../../src/core/parked-wait.ts";
import { WaitList } from "../../src/core/wait-list.ts";
import { ManualTask, Stopped } from "../../src/index.ts";

const activeTimers = () =>
  process.getActiveResourcesInfo().filter((kind) => kind === "Timeout" || kind === "Immediate")
    .length;

test("a stop, a deadline or a settle ends the wait and releases callback, timer and list place", async () => {
  const task = new ManualTask();
  const list = new WaitList<ParkedWait<string>>();
  const timers = activeTimers();
  const wait = new ParkedWait<string>(task);
  list.push(wait);
  wait.expireAfter(60_000, (w) => w.fail(new Error("late")));
  expect(activeTimers()).toBe(timers + 1);
  task.stop("enough");
  const error = await wait.promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe("enough");
  expect(list.size).toBe(0);
  expect(activeTimers()).toBe(timers);
  expect(wait.settle("too late")).toBe(false);
});

test("expireAfter(0) fires on the next turn; Infinity holds no timer", async () => {
  const soon = new ParkedWait<string>(undefined);
  soon.expireAfter(0, (w) => w.settle("next turn"));
  await expect(soon.promise).resolves.toBe("next turn");
  const timers = activeTimers();
  const never = new ParkedWait<void>(undefined);
  never.expireAfter(Number.POSITIVE_INFINITY, () => {});
  expect(activeTimers()).toBe(timers);
  never.settle(undefined);
});

test("failIfStopped catches a stop whose callback has not reached the wait yet", async () => {
  const task = new ManualTask();
  let seen: boolean | undefined;
  // This callback runs before the wait's own one, and asks the wait first.
  task.addStopCallback(() => {
    seen = wait.failIfStopped();
  });
  const wait = new ParkedWait<void>(task);
  task.stop("early");
  expect(seen).toBe(true);
  await expect(wait.promise).rejects.toBeInstanceOf(Stopped);
  expect(wait.failIfStopped()).toBe(false);
});

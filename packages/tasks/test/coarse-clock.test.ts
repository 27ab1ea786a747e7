import { afterEach, expect, test, vi } from "vitest";
import { ManualTask, spawn } from "../src/index.ts";

afterEach(() => {
  vi.useRealTimers();
});

test("the clock for task ages stops ticking while tasks only wait: an idle wait costs no wake-ups", async () => {
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
  const never = new ManualTask<void>();
  const idle = spawn(() => never.wait(), { name: "idle" });
  // Creating tasks starts the clock.
  expect(vi.getTimerCount()).toBe(1);
  await Promise.resolve();
  vi.advanceTimersByTime(200);
  // The task still waits, but nothing reads the clock: it has stopped.
  expect(idle.isDone).toBe(false);
  expect(vi.getTimerCount()).toBe(0);
  await idle.stop();
});

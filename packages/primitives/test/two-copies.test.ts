import { expect, test, vi } from "vitest";
import { nextTurn, outcome } from "./support.js";

// Independent versioning makes two installed copies likely. The task record
// is shared through @gentletask/semantic-stack's process-wide registry, so a
// wait from one copy honours a task started by another.
test("a second copy of the package sees and honours a task started through the first", async () => {
  const first = await import("@gentletask/tasks");
  vi.resetModules();
  const second = await import("@gentletask/primitives");
  const secondTasks = await import("@gentletask/tasks");
  expect(secondTasks.spawn).not.toBe(first.spawn);

  let result: unknown;
  const task = first.spawn(async () => {
    result = await outcome(second.sleep(60_000));
  });
  await nextTurn();
  await task.stop("from the first copy");
  const error = (result as { error: { name: string; reason: unknown } }).error;
  expect(error.name).toBe("Stopped");
  expect(error.reason).toBe("from the first copy");
});

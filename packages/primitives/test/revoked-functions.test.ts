import { all, limit, mapConcurrent, retry } from "@gentletask/primitives";
import { currentTask, type Task } from "@gentletask/tasks";
import { expect, test } from "vitest";
import { outcome } from "./support.js";

/** A function whose every use throws: its `name` cannot be read, and calling it fails. */
function revokedFunction(): () => number {
  const revocable = Proxy.revocable(() => 1, {});
  revocable.revoke();
  return revocable.proxy;
}

/** Runs `body`, but reading its `name` throws (a hostile getter). */
function nameThrows<A extends unknown[], T>(body: (...args: A) => T): (...args: A) => T {
  return new Proxy(body, {
    get(target, key, receiver) {
      if (key === "name") throw new Error("no name for you");
      return Reflect.get(target, key, receiver);
    },
  });
}

/** How a task ended: the constructor name and message of its error. */
async function failureOf(task: Task): Promise<string> {
  const result = await outcome(task.wait());
  expect(result.ok).toBe(false);
  const error = (result as { error: Error }).error;
  return `${error.constructor.name}: ${error.message}`;
}

test("limit: a call whose function's name cannot be read takes the limiter's name and fails when run", async () => {
  const limiter = limit(2, { name: "db" });
  const task = limiter(revokedFunction());
  expect(task.name).toBe("db");
  expect(await failureOf(task)).toMatchInlineSnapshot(
    `"TypeError: Cannot perform 'apply' on a proxy that has been revoked"`,
  );
  expect([limiter.activeCount, limiter.pendingCount]).toEqual([0, 0]);
});

test("all, mapConcurrent and retry name a child whose function's name cannot be read by its place", async () => {
  const own = () => currentTask()?.name;
  expect(await all([nameThrows(own)], { name: "group" })).toEqual(["group[0]"]);
  expect(await mapConcurrent([1], 1, nameThrows(own), { name: "mapped" })).toEqual(["mapped[0]"]);
  expect(await retry(nameThrows(own))).toBe("retry#1");
});

test("all, mapConcurrent and retry over a revoked function fail with its error, thrown by nothing at the call", async () => {
  const failures = [
    failureOf(all([revokedFunction()], { name: "group" })),
    failureOf(mapConcurrent([1], 1, revokedFunction(), { name: "mapped" })),
    failureOf(retry(revokedFunction(), { attempts: 1 })),
  ];
  expect(await Promise.all(failures)).toEqual([
    "TypeError: Cannot perform 'apply' on a proxy that has been revoked",
    "TypeError: Cannot perform 'apply' on a proxy that has been revoked",
    "TypeError: Cannot perform 'apply' on a proxy that has been revoked",
  ]);
});

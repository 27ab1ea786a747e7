import { throughline } from "@gentletask/semantic-stack";
import { Stopped, spawn } from "@gentletask/tasks";
import { ThreadTerminated } from "@gentletask/threads";
import { createPool, spawnOnPool } from "@gentletask/threads/piscina";
import { afterAll, beforeAll, expect, test } from "vitest";
import { outcome, requireBuild, sharedCounter, until, work } from "./support.js";

beforeAll(requireBuild);

const pool = createPool({ minThreads: 2, maxThreads: 2 });
afterAll(() => pool.destroy());

test("100 jobs on a pool of 2 threads, stopped halfway: every job settles, done or Stopped", async () => {
  let finished = 0;
  const jobs: PromiseLike<unknown>[] = [];
  const parent = spawn(
    async () => {
      for (let i = 0; i < 100; i++) {
        const job = spawnOnPool(pool, work, "nap", { args: [5], name: `nap-${i}` });
        job.then(
          () => {
            finished += 1;
          },
          () => {},
        );
        jobs.push(job);
      }
      await Promise.allSettled(jobs);
    },
    { name: "batch" },
  );
  await until(() => finished >= 50);
  await parent.stop("halfway");
  const settled = await Promise.all(jobs.map(outcome));
  expect(settled).toHaveLength(100);
  const done = settled.filter((s) => s.ok).length;
  const stopped = settled.filter((s) => !s.ok && s.error instanceof Stopped).length;
  expect(done + stopped).toBe(100);
  expect(done).toBeGreaterThanOrEqual(50);
  expect(stopped).toBeGreaterThan(0);
  expect(pool.threads.length).toBe(2);
  // The pool still works afterwards.
  expect(await spawnOnPool(pool, work, "add", { args: [20, 22] })).toBe(42);
});

test("a pool job sees the caller's throughline, and its errors cross intact", async () => {
  const seen = await throughline.run({ name: "request" }, () =>
    spawnOnPool(pool, work, "chain", { name: "pooled" }),
  );
  expect(seen).toEqual({ chain: ["request", "pooled"], current: "pooled" });
  const failed = await throughline.run({ name: "request" }, () =>
    outcome(spawnOnPool(pool, work, "fail", { name: "parse" })),
  );
  const error = (failed as { error: Error }).error;
  expect(error.name).toBe("ParseError");
  expect(throughline.errorFrames(error)).toEqual([{ name: "request" }, { name: "parse" }]);
});

test("a stop reaches a pool job's CPU loop; one that never checks is aborted through Piscina after graceMs", async () => {
  const progress = sharedCounter();
  const spinning = spawnOnPool(pool, work, "spin", { args: [progress] });
  await until(() => Atomics.load(progress, 0) > 0);
  await spinning.stop("enough");
  const result = await outcome(spinning);
  expect((result as { error: unknown }).error).toBeInstanceOf(Stopped);
  expect((result as { error: unknown }).error).not.toBeInstanceOf(ThreadTerminated);

  const blind = sharedCounter();
  const stuck = spawnOnPool(pool, work, "spinBlind", { args: [blind], graceMs: 30 });
  await until(() => Atomics.load(blind, 0) > 0);
  await stuck.stop("enough");
  const terminated = await outcome(stuck);
  expect((terminated as { error: unknown }).error).toBeInstanceOf(ThreadTerminated);
  expect(await spawnOnPool(pool, work, "add", { args: [1, 1] })).toBe(2);
});

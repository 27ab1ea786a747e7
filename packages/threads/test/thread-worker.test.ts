import { sleep } from "@gentletask/primitives";
import { throughline } from "@gentletask/semantic-stack";
import { Stopped, spawn } from "@gentletask/tasks";
import { ThreadCrashError, ThreadWorker } from "@gentletask/threads";
import { beforeAll, expect, test } from "vitest";
import { outcome, requireBuild, sharedCounter, until, work } from "./support.js";

beforeAll(requireBuild);

test("jobs run one at a time on one thread, in submission order, each in its submitter's context", async () => {
  const worker = new ThreadWorker(work, { name: "recorder" });
  const jobs = [];
  for (let i = 0; i < 20; i++) {
    jobs.push(
      throughline.run({ name: `flow-${i}` }, () =>
        worker.submit<{ label: number; order: number; chain: string[] }>("record", {
          args: [i],
          name: `job-${i}`,
        }),
      ),
    );
  }
  const results = await Promise.all(jobs);
  expect(results.map((r) => r.order)).toEqual(results.map((_, i) => i + 1));
  for (const [i, r] of results.entries())
    expect(r).toEqual({ label: i, order: i + 1, chain: [`flow-${i}`, `job-${i}`] });
  await worker.stop();
  expect(() => worker.submit("record")).toThrowErrorMatchingInlineSnapshot(
    `[Error: recorder.submit: worker "recorder" has been stopped and takes no more jobs]`,
  );
});

test("a queued job that is stopped never runs; a running one that is stopped completes with Stopped, and the next starts after it", async () => {
  const worker = new ThreadWorker(work);
  const progress = sharedCounter();
  const running = worker.submit("spin", { args: [progress] });
  const queued = worker.submit("record", { args: ["queued"] });
  const after = worker.submit<{ order: number }>("record", { args: ["after"] });
  await until(() => Atomics.load(progress, 0) > 0);
  await queued.stop("not needed");
  expect(await outcome(queued)).toMatchObject({ ok: false, error: expect.any(Stopped) });
  await running.stop("enough");
  expect(await outcome(running)).toMatchObject({ ok: false, error: expect.any(Stopped) });
  expect((await after).order).toBe(1); // the queued job never ran in the thread
  await worker.stop();
});

test("a job that crashes the thread fails clearly, and the next job gets a fresh thread", async () => {
  const worker = new ThreadWorker(work, { name: "fragile" });
  const crash = worker.submit("exitThree", { name: "quit" });
  const next = worker.submit<{ order: number }>("record", { args: ["next"] });
  const result = await outcome(crash);
  expect((result as { error: unknown }).error).toBeInstanceOf(ThreadCrashError);
  expect((await next).order).toBe(1);
  await worker.stop();
});

test("a worker created inside a task belongs to it: stopping the task stops its jobs without draining, and waits for the thread", async () => {
  const progress = sharedCounter();
  const cleaned = sharedCounter();
  const seen: string[] = [];
  const owner = spawn(
    async () => {
      const worker = new ThreadWorker(work, { name: "owned" });
      const running = worker.submit("spinThenCleanUp", { args: [progress, cleaned] });
      const queued = worker.submit("record", { args: ["never"] });
      running.then(undefined, (error) => seen.push(`running:${(error as Error).name}`));
      queued.then(undefined, (error) => seen.push(`queued:${(error as Error).name}`));
      await sleep(Number.POSITIVE_INFINITY);
    },
    { name: "owner" },
  );
  await until(() => Atomics.load(progress, 0) > 0);
  await owner.stop("shutdown");
  expect(Atomics.load(cleaned, 0)).toBe(1); // the thread's cleanup ran before the owner was done
  expect(seen.sort()).toEqual(["queued:Stopped", "running:Stopped"]);
});

test("the seed's WorkerThread example, on a real thread", async () => {
  const worker = new ThreadWorker(work, { name: "io-worker" });
  const a = throughline.run({ name: "request_handler" }, () =>
    worker.submit<{ chain: string[] }>("record", { args: ["a"], name: "job-a" }),
  );
  const b = worker.submit<{ chain: string[] }>("record", { args: ["b"], name: "job-b" });
  expect((await a).chain).toEqual(["request_handler", "job-a"]);
  expect((await b).chain).toEqual(["job-b"]);
  await worker.stop();
});

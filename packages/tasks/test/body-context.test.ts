// A body enters its task's context for the rest of the promise reaction that
// starts it (see `runInTaskAsReaction`): these pin that nothing of it reaches
// the creator's own microtasks, ticks or immediates, on every Node we run
// (the suite runs on Node 20, 22 and 24; see scripts/test-all.mjs).
import { AsyncLocalStorage } from "node:async_hooks";
import { throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";
import { AsyncTask, currentTask, SerialWorker, spawn, taskChain } from "../src/index.ts";
import { nextTurn } from "./support/turns.ts";

const request = new AsyncLocalStorage<string>();

/** What the code at this point sees: the current task's name, the chain, the request. */
const here = () => ({ task: currentTask()?.name, chain: taskChain(), request: request.getStore() });
const CREATOR = { task: undefined, chain: [], request: "creator" };

/** Queues a microtask, a then-reaction, a tick and an immediate that record what they see. */
function probes(seen: Record<string, unknown>, label: string): void {
  queueMicrotask(() => {
    seen[`${label} microtask`] = here();
  });
  void Promise.resolve().then(() => {
    seen[`${label} reaction`] = here();
  });
  process.nextTick(() => {
    seen[`${label} tick`] = here();
  });
  setImmediate(() => {
    seen[`${label} immediate`] = here();
  });
}

test("a sync body's task stays in the body: the creator's next microtasks, ticks and immediates are its own", async () => {
  const seen: Record<string, unknown> = {};
  await request.run("creator", async () => {
    probes(seen, "before");
    const task = spawn(
      () => {
        seen.body = here();
      },
      { name: "sync" },
    );
    probes(seen, "after");
    await task;
    seen["after await"] = here();
  });
  await nextTurn();
  expect(seen.body).toEqual({ task: "sync", chain: ["sync"], request: "creator" });
  for (const label of ["before", "after"]) {
    for (const kind of ["microtask", "reaction", "tick", "immediate"]) {
      expect(seen[`${label} ${kind}`], `${label} ${kind}`).toEqual(CREATOR);
    }
  }
  expect(seen["after await"]).toEqual(CREATOR);
  expect(here()).toEqual({ task: undefined, chain: [], request: undefined });
});

test("a body that throws at once leaves its task before the failure is reported", async () => {
  const seen: Record<string, unknown> = {};
  const error = new Error("boom");
  await request.run("creator", async () => {
    const task = spawn(
      () => {
        throw error;
      },
      {
        name: "throws",
        onFinish: () => {
          seen.onFinish = here();
        },
      },
    );
    probes(seen, "after");
    await expect(task).rejects.toBe(error);
  });
  await nextTurn();
  // The raise site is the body; the report of the failure runs in the creator's context.
  expect(throughline.errorFrames(error)).toEqual([{ name: "throws" }]);
  expect(seen.onFinish).toEqual(CREATOR);
  for (const kind of ["microtask", "reaction", "tick", "immediate"]) {
    expect(seen[`after ${kind}`], kind).toEqual(CREATOR);
  }
});

test("a sync body's own outcome is reported inside the task; an awaiting parent is current again after", async () => {
  const seen: Record<string, unknown> = {};
  await spawn(
    async () => {
      const child = spawn(() => 1, {
        name: "child",
        onFinish: () => {
          seen.onFinish = taskChain();
        },
      });
      void Promise.resolve().then(() => {
        seen["parent reaction"] = taskChain();
      });
      await child;
      seen["parent after await"] = taskChain();
    },
    { name: "parent" },
  );
  expect(seen).toEqual({
    onFinish: ["parent", "child"],
    "parent reaction": ["parent"],
    "parent after await": ["parent"],
  });
});

test("an async body keeps its task across awaits, and its creator never sees it", async () => {
  const seen: Record<string, unknown> = {};
  await request.run("creator", async () => {
    const task = spawn(
      async () => {
        await null;
        seen["body after await"] = here();
        probes(seen, "body");
      },
      { name: "async" },
    );
    probes(seen, "creator");
    await task;
    await nextTurn();
  });
  for (const kind of ["microtask", "reaction", "tick", "immediate"]) {
    expect(seen[`creator ${kind}`], kind).toEqual(CREATOR);
    expect(seen[`body ${kind}`], kind).toEqual({
      task: "async",
      chain: ["async"],
      request: "creator",
    });
  }
  expect(seen["body after await"]).toEqual({ task: "async", chain: ["async"], request: "creator" });
});

test("a deferred start runs in the creator's throughline and leaks nothing to the starter", async () => {
  const seen: Record<string, unknown> = {};
  // `start()` restores the creator's throughline; other storages are the starter's.
  const task = throughline.run(
    { name: "creator" },
    () =>
      new AsyncTask(
        () => {
          seen.body = here();
        },
        { name: "deferred", start: false },
      ),
  );
  await request.run("starter", async () => {
    task.start();
    void Promise.resolve().then(() => {
      seen.starter = here();
    });
    await task;
  });
  expect(seen).toEqual({
    body: { task: "deferred", chain: ["creator", "deferred"], request: "starter" },
    starter: { task: undefined, chain: [], request: "starter" },
  });
});

test("each serial job runs in its own submitter's context, never the previous job's or the worker's", async () => {
  const worker = new SerialWorker("contexts");
  const seen: unknown[] = [];
  const jobs = [];
  for (const submitter of ["a", "b", "c", "d"]) {
    jobs.push(
      request.run(submitter, () => {
        const job = worker.submit(() => seen.push(here()), { name: `job-${submitter}` });
        // Queued by the submitter between submits: runs among the jobs, in its own context.
        void Promise.resolve().then(() => seen.push({ between: here() }));
        return job;
      }),
    );
  }
  await Promise.all(jobs);
  await worker.stop();
  const jobsSeen = seen.filter((entry) => !("between" in (entry as object)));
  expect(jobsSeen).toEqual(
    ["a", "b", "c", "d"].map((s) => ({ task: `job-${s}`, chain: [`job-${s}`], request: s })),
  );
  const between = seen.filter((entry) => "between" in (entry as object));
  expect(between).toEqual(
    ["a", "b", "c", "d"].map((s) => ({ between: { task: undefined, chain: [], request: s } })),
  );
});

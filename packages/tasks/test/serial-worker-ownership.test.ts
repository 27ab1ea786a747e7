import { expect, test } from "vitest";
import { ManualTask, SerialWorker, Stopped, spawn, taskTree } from "../src/index.ts";
import { nextTurn } from "./support/turns.ts";

test("a worker made inside a task stops without draining when that task is stopped", async () => {
  const ran: string[] = [];
  let queued: ReturnType<SerialWorker["submit"]>[] = [];
  const owner = spawn(async () => {
    const worker = new SerialWorker("db");
    worker.submit(
      async () => {
        ran.push("job-0 started");
        try {
          await new ManualTask();
        } finally {
          ran.push("job-0 finally");
        }
      },
      { name: "job-0" },
    );
    queued = [1, 2, 3].map((i) => worker.submit(() => ran.push(`job-${i}`), { name: `job-${i}` }));
    await new ManualTask();
  });
  await nextTurn();
  await nextTurn();
  await owner.stop("SIGINT");
  // The running job was stopped and unwound before the owner's stop resolved; no backlog ran.
  expect(ran).toEqual(["job-0 started", "job-0 finally"]);
  for (const job of queued) {
    const error = await job.wait().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stopped);
  }
});

test("a worker is stopped when its owner's body exits, and shows under its owner in the tree", async () => {
  let worker!: SerialWorker;
  let tree: unknown;
  const owner = spawn(
    async () => {
      worker = new SerialWorker("mailer");
      worker.submit(() => new ManualTask().wait(), { name: "send" });
      await nextTurn();
      tree = taskTree().map((node) => [node.name, node.children.map((c) => c.name)]);
      return "owner done";
    },
    { name: "owner" },
  );
  expect(await owner).toBe("owner done");
  expect(tree).toEqual([["owner", ["mailer"]]]);
  expect(worker.isStopped).toBe(true);
  expect(() => worker.submit(() => 1)).toThrow(/has been stopped/);
  expect(taskTree()).toEqual([]);
});

test("stop({ drain: false }) stops the queued jobs and the running one; the default drains", async () => {
  const ran: string[] = [];
  const draining = new SerialWorker("drains");
  draining.submit(() => ran.push("a"));
  draining.submit(() => ran.push("b"));
  await draining.stop();
  expect(ran).toEqual(["a", "b"]);

  const cut = new SerialWorker("cut");
  const running = cut.submit(() => new ManualTask().wait());
  const queued = cut.submit(() => ran.push("never"));
  await nextTurn();
  await cut.stop({ drain: false });
  expect(running.isStopped && queued.isStopped).toBe(true);
  expect(ran).toEqual(["a", "b"]);
  expect(taskTree()).toEqual([]);
});

import {
  type AsyncTask,
  currentTask,
  formatTaskTree,
  ManualTask,
  MultiTask,
  SerialWorker,
  spawn,
  type Task,
  type TaskTreeNode,
  taskTree,
} from "@gentletask/tasks";
import { afterEach, expect, test } from "vitest";

const started: AsyncTask<unknown, []>[] = [];
afterEach(async () => {
  for (const task of started.splice(0)) await task.stop("test over");
});

/** Resolves when the current task is stopped; no task of its own, so the trees below stay small. */
const untilStopped = () =>
  new Promise<void>((resolve) => (currentTask() as Task).addStopCallback(resolve));

/** A task that runs until stopped. */
function park(name: string, body: () => unknown = () => {}) {
  const task = spawn(
    async () => {
      body();
      await untilStopped();
    },
    { name },
  );
  return task;
}

const shape = (nodes: readonly TaskTreeNode[]): unknown =>
  nodes.map((node) => ({
    name: node.name,
    state: node.state,
    ...(node.isStopped ? { stopReason: node.stopReason } : {}),
    children: shape(node.children),
  }));

const flush = () => new Promise((resolve) => setImmediate(resolve));

test("taskTree lists running tasks as trees from the roots, oldest first", async () => {
  const root = park("service", () => {
    park("listener");
    park("job-1", () => park("fetch"));
  });
  started.push(root);
  await flush();
  expect(shape(taskTree())).toEqual([
    {
      name: "service",
      state: "running",
      children: [
        { name: "listener", state: "running", children: [] },
        {
          name: "job-1",
          state: "running",
          children: [{ name: "fetch", state: "running", children: [] }],
        },
      ],
    },
  ]);
  const [node] = taskTree();
  expect(node?.ageMs).toBeGreaterThanOrEqual(0);
  expect(node?.ageMs).toBeLessThan(60_000);
});

test("a task not started yet is pending; finished tasks leave the tree", async () => {
  const later = spawn(() => "done", { name: "deferred", start: false });
  expect(shape(taskTree())).toEqual([{ name: "deferred", state: "pending", children: [] }]);
  later.start();
  await later;
  expect(taskTree()).toEqual([]);
  expect(formatTaskTree()).toBe("(no running tasks)\n");
});

test("stopped tasks show their reason; a parent whose body exited is unwinding", async () => {
  let releaseCleanup!: () => void;
  const cleanupGate = new Promise<void>((resolve) => {
    releaseCleanup = resolve;
  });
  const root = spawn(
    async () => {
      spawn(
        async () => {
          try {
            await new ManualTask().wait();
          } finally {
            await cleanupGate;
          }
        },
        { name: "slow-cleanup" },
      );
      await new ManualTask().wait();
    },
    { name: "service" },
  );
  await flush();
  const stopped = root.stop("SIGINT");
  await flush();
  expect(shape(taskTree())).toEqual([
    {
      name: "service",
      state: "unwinding",
      stopReason: "SIGINT",
      children: [{ name: "slow-cleanup", state: "stopping", stopReason: "SIGINT", children: [] }],
    },
  ]);
  releaseCleanup();
  await stopped;
  expect(taskTree()).toEqual([]);
});

test("detached tasks are roots of their own; a worker made outside any task is a root, its jobs under it", async () => {
  const worker = new SerialWorker("db");
  let detached!: AsyncTask<unknown, []>;
  const root = park("service", () => {
    detached = park("audit");
    detached.detach();
  });
  started.push(root);
  await flush();
  started.push(detached);
  const job = worker.submit(() => new ManualTask().wait(), { name: "migrate" });
  await flush();
  expect(taskTree().map((node) => node.name)).toEqual(["db", "service", "audit"]);
  expect(taskTree()[0]?.children.map((node) => node.name)).toEqual(["migrate"]);
  job.stop();
  await worker.stop();
});

test("formatTaskTree draws the tree with its states, reasons and ages", () => {
  const leaf = (name: string, extra: Partial<TaskTreeNode> = {}): TaskTreeNode => ({
    name,
    state: "running",
    ageMs: 1234,
    isStopped: false,
    stopReason: undefined,
    children: [],
    ...extra,
  });
  const text = formatTaskTree([
    leaf("service", {
      state: "unwinding",
      isStopped: true,
      stopReason: "SIGINT",
      children: [
        leaf("reporter", { children: [leaf("flush")] }),
        leaf("job-3", {
          state: "stopping",
          isStopped: true,
          stopReason: new Error("deadline"),
          children: [leaf("fetch"), leaf("parse", { state: "pending", ageMs: 0 })],
        }),
      ],
    }),
    leaf("migrate"),
  ]);
  expect(text).toMatchInlineSnapshot(`
    "service  unwinding (SIGINT)  1.2s
    ├─ reporter  running  1.2s
    │  └─ flush  running  1.2s
    └─ job-3  stopping (Error: deadline)  1.2s
       ├─ fetch  running  1.2s
       └─ parse  pending  0.0s
    migrate  running  1.2s
    "
  `);
});

// Heavy: seconds on a quiet machine, several times that on a loaded one.
test("a chain thousands of tasks deep is walked and drawn without recursion", async () => {
  const depth = 5_000;
  let innermost!: ManualTask<void>;
  const nest = (level: number): AsyncTask<unknown, []> =>
    spawn(
      async () => {
        if (level === depth) {
          innermost = new ManualTask();
          await innermost.wait();
        } else await nest(level + 1);
      },
      { name: `level-${level}` },
    );
  const root = nest(1);
  started.push(root);
  while (innermost === undefined) await flush();
  let node: TaskTreeNode | undefined = taskTree()[0];
  let count = 0;
  while (node !== undefined) {
    count++;
    node = node.children[0];
  }
  // The levels, and the ManualTask the innermost one waits on.
  expect(count).toBe(depth + 1);
  expect(formatTaskTree().split("\n")).toHaveLength(depth + 2);
}, 120_000);

test("ManualTask and MultiTask show in the tree under the task that made them", async () => {
  let gate!: ManualTask<void>;
  const root = spawn(
    async () => {
      gate = new ManualTask({ name: "gate" });
      await new MultiTask([gate], { name: "both" });
    },
    { name: "service" },
  );
  started.push(root);
  await flush();
  expect(shape(taskTree())).toEqual([
    {
      name: "service",
      state: "running",
      children: [
        { name: "gate", state: "running", children: [] },
        { name: "both", state: "running", children: [] },
      ],
    },
  ]);
  gate.resolve();
  await root;
  expect(taskTree()).toEqual([]);
});

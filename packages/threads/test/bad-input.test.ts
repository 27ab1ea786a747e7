import { createConnection, createServer } from "node:net";
import { taskTree } from "@gentletask/tasks";
import { spawnThread, ThreadWorker } from "@gentletask/threads";
import { createPool, spawnOnPool } from "@gentletask/threads/piscina";
import { beforeAll, expect, test } from "vitest";
import { outcome, requireBuild, work } from "./support.js";

beforeAll(requireBuild);

test("spawnThread refuses a wrong module, export name or option before any thread starts", () => {
  const before = taskTree().length;
  expect(() => spawnThread("relative/work.mjs", "add")).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: expected \`module\` to be a file URL or an absolute path (e.g. new URL('./work.js', import.meta.url)), got "relative/work.mjs" (string)]`,
  );
  expect(() => spawnThread(42 as never, "add")).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: expected \`module\` to be a file URL or an absolute path (e.g. new URL('./work.js', import.meta.url)), got 42 (number)]`,
  );
  const missing = new URL("./fixtures/missing.mjs", import.meta.url);
  expect(() => {
    try {
      spawnThread(missing, "add");
    } catch (error) {
      throw new TypeError((error as Error).message.replace(missing.href, "<missing.mjs>"));
    }
  }).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: expected \`module\` to name an existing file, got "<missing.mjs>" (no such file)]`,
  );
  expect(() =>
    spawnThread(new URL("https://example.com/x.mjs"), "add"),
  ).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: expected \`module\` to be a file: URL, got "https://example.com/x.mjs" (string)]`,
  );
  expect(() => spawnThread(work, 42 as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: expected \`exportName\` to be the name of an exported function (a non-empty string), got 42 (number)]`,
  );
  expect(() => spawnThread(work, "add", { graceMs: -1 })).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: spawnThread: expected \`options.graceMs\` to be a non-negative number of milliseconds, got -1 (number)]`,
  );
  expect(() =>
    spawnThread(work, "add", { graceMs: Number.NaN }),
  ).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: spawnThread: expected \`options.graceMs\` to be a non-negative number of milliseconds, got NaN (number)]`,
  );
  expect(() =>
    spawnThread(work, "add", { timeout: 5 } as never),
  ).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: unknown option \`timeout\` (known: \`args\`, \`name\`, \`graceMs\`, \`transfer\`, \`detach\`, \`timeoutMs\`, \`resourceLimits\`)]`,
  );
  expect(() =>
    spawnThread(work, "add", { args: "1, 2" as never }),
  ).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: expected \`options.args\` to be an array, got "1, 2" (string)]`,
  );
  expect(() => spawnThread(work, "add", { name: 7 as never })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: expected \`options.name\` to be a string, got 7 (number)]`,
  );
  expect(() => spawnThread(work, "add", 5 as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: expected \`options\` to be an object, got 5 (number)]`,
  );
  expect(taskTree().length).toBe(before);
});

test("arguments that cannot be cloned (a function, a socket) are refused before any thread starts", async () => {
  expect(() => spawnThread(work, "add", { args: [() => 1] })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: expected \`options.args\` to be cloneable by structured clone (functions, sockets and class instances with private state cannot cross to a thread), got one that is not: () => 1 could not be cloned.]`,
  );
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const socket = createConnection((server.address() as { port: number }).port, "127.0.0.1");
  try {
    expect(() => spawnThread(work, "add", { args: [socket] })).toThrow(TypeError);
  } finally {
    socket.destroy();
    server.close();
  }
});

test("hostile options (a revoked Proxy, a throwing getter) get a TypeError naming the option", () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  expect(() => spawnThread(work, "add", proxy)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: could not read \`options\`: Cannot perform 'IsArray' on a proxy that has been revoked]`,
  );
  const throwing = {
    get args(): never {
      throw new Error("no args for you");
    },
  };
  expect(() => spawnThread(work, "add", throwing)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnThread: could not read \`options.args\`: no args for you]`,
  );
});

test("a missing export or one that is not a function fails the task with a TypeError naming it", async () => {
  const missing = await outcome(spawnThread(work, "nope"));
  expect((missing as { error: Error }).error).toBeInstanceOf(TypeError);
  expect(
    (missing as { error: Error }).error.message.replace(work.href, "<work>"),
  ).toMatchInlineSnapshot(
    `"spawnThread: expected \`exportName\` to name an export of <work>, got "nope" (its exports: add, bytes, chain, crashLater, exitThree, fail, hog, hotLoop, logBoth, nap, notAFunction, record, returnsFunction, sleepUntilStopped, spin, spinBlind, spinThenCleanUp, sum)"`,
  );
  const notFunction = await outcome(spawnThread(work, "notAFunction"));
  expect((notFunction as { error: Error }).error).toBeInstanceOf(TypeError);
  expect(
    (notFunction as { error: Error }).error.message.replace(work.href, "<work>"),
  ).toMatchInlineSnapshot(
    `"spawnThread: expected export "notAFunction" of <work> to be a function, got 42 (number)"`,
  );
});

test("a result that cannot be cloned back fails the task with a TypeError saying so", async () => {
  const result = await outcome(spawnThread(work, "returnsFunction"));
  expect((result as { error: Error }).error).toBeInstanceOf(TypeError);
  expect((result as { error: Error }).error.message).toMatchInlineSnapshot(
    `"spawnThread: the result of export "returnsFunction" could not be cloned to send it back (return plain data, or use withTransfer): () => 1 could not be cloned."`,
  );
});

test("ThreadWorker and spawnOnPool check their arguments the same way", async () => {
  expect(() => new ThreadWorker("nope.mjs")).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: ThreadWorker: expected \`module\` to be a file URL or an absolute path (e.g. new URL('./work.js', import.meta.url)), got "nope.mjs" (string)]`,
  );
  expect(() => new ThreadWorker(work, { graceMs: -5 })).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: ThreadWorker: expected \`options.graceMs\` to be a non-negative number of milliseconds, got -5 (number)]`,
  );
  const worker = new ThreadWorker(work, { name: "checked" });
  expect(() => worker.submit(42 as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: checked.submit: expected \`exportName\` to be the name of an exported function (a non-empty string), got 42 (number)]`,
  );
  expect(() => worker.submit("add", { args: [Symbol("x")] })).toThrow(TypeError);
  expect(() => worker.submit("add", { graceMs: 1 } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: checked.submit: unknown option \`graceMs\` (known: \`args\`, \`name\`, \`transfer\`)]`,
  );
  await worker.stop();
  expect(() => spawnOnPool({} as never, work, "add")).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawnOnPool: expected \`pool\` to be a Piscina pool, got an object]`,
  );
  const pool = createPool({ maxThreads: 1 });
  try {
    expect(() => spawnOnPool(pool, work, "add", { args: [() => 1] })).toThrow(TypeError);
    expect(() => createPool({ filename: "x.mjs" } as never)).toThrowErrorMatchingInlineSnapshot(
      `[TypeError: createPool: \`options.filename\` is set for you (to poolWorkerFile); name each job's module in spawnOnPool instead]`,
    );
  } finally {
    await pool.destroy();
  }
});

test("ThreadWorker#stop refuses an unknown option or a drain that is not a boolean, and stops nothing", async () => {
  const worker = new ThreadWorker(work, { name: "stopper" });
  expect(() => worker.stop({ drain: false, bogus: 1 } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: stopper.stop: unknown option \`bogus\` (known: \`drain\`)]`,
  );
  expect(() => worker.stop({ drain: "nope" } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: stopper.stop: expected \`options.drain\` to be a boolean, got "nope" (string)]`,
  );
  expect(() => worker.stop(false as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: stopper.stop: expected \`options\` to be an object, got false (boolean)]`,
  );
  // Nothing was stopped: the worker still takes and runs jobs.
  expect(await worker.submit("add", { args: [2, 3] })).toBe(5);
  await worker.stop();
});

import { throughline } from "@gentletask/semantic-stack";
import { Stopped, spawn, TaskTimeoutError, taskTree } from "@gentletask/tasks";
import { spawnThread, ThreadCrashError, ThreadTerminated } from "@gentletask/threads";
import { beforeAll, expect, test } from "vitest";
import { outcome, requireBuild, sharedCounter, until, work } from "./support.js";

beforeAll(requireBuild);

test("the export runs in a thread and its result comes back", async () => {
  expect(await spawnThread(work, "add", { args: [2, 3] })).toBe(5);
});

test("inside the thread the throughline is the caller's plus the task's name, and currentTask() is the thread's task", async () => {
  const seen = await throughline.run({ name: "request" }, () =>
    spawn(() => spawnThread(work, "chain", { name: "resize" }), { name: "handler" }),
  );
  expect(seen).toEqual({ chain: ["request", "handler", "resize"], current: "resize" });
});

test("pino and winston loggers inside the thread write the throughline", async () => {
  const lines = await throughline.run({ name: "request" }, () =>
    spawnThread<{ pino: unknown[]; winston: unknown[] }>(work, "logBoth", { name: "calibrate" }),
  );
  expect(lines.pino).toEqual([
    { level: 30, msg: "measuring offset", throughline: ["request", "calibrate"] },
  ]);
  expect(lines.winston).toEqual([
    { level: "info", message: "measuring offset", throughline: ["request", "calibrate"] },
  ]);
});

test("a stop reaches a CPU loop that calls checkStop() every iteration, without it awaiting anything", async () => {
  const progress = sharedCounter();
  const events: string[] = [];
  const task = spawnThread(work, "spin", { args: [progress], name: "spinner" });
  await until(() => Atomics.load(progress, 0) > 1000);
  events.push("spinning");
  const stopped = task.stop("enough");
  events.push("stop asked");
  const result = await outcome(task);
  events.push("task settled");
  await stopped;
  events.push("stop resolved");
  expect(events).toEqual(["spinning", "stop asked", "task settled", "stop resolved"]);
  expect(result.ok).toBe(false);
  const error = (result as { error: Stopped }).error;
  expect(error).toBeInstanceOf(Stopped);
  expect(error).not.toBeInstanceOf(ThreadTerminated);
  expect(error.reason).toBe("enough");
  const at = Atomics.load(progress, 0);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(Atomics.load(progress, 0)).toBe(at); // the loop is over
});

test("inside the thread a stop rejects sleep(Infinity) and aborts currentSignal(), with the stop's reason", async () => {
  const parked = sharedCounter();
  const task = spawnThread<string>(work, "sleepUntilStopped", { args: [parked] });
  await until(() => Atomics.load(parked, 0) === 1);
  await task.stop(new Error("shutting down"));
  expect(await task).toBe("Stopped/true/task stopped: shutting down");
});

test("isStopRequested() ends a hot loop that never throws", async () => {
  const progress = sharedCounter();
  const task = spawnThread<number>(work, "hotLoop", { args: [progress] });
  await until(() => Atomics.load(progress, 0) === 1);
  await task.stop();
  expect(await task).toBeGreaterThan(0);
});

test("a thread that never checks is terminated graceMs after the stop; the outcome and a warning say so", async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on("warning", onWarning);
  try {
    const progress = sharedCounter();
    const task = spawnThread(work, "spinBlind", { args: [progress], graceMs: 50, name: "stuck" });
    await until(() => Atomics.load(progress, 0) > 0);
    await task.stop("enough");
    const result = await outcome(task);
    const error = (result as { error: ThreadTerminated }).error;
    expect(error).toBeInstanceOf(ThreadTerminated);
    expect(error).toBeInstanceOf(Stopped);
    expect(error.reason).toBe("enough");
    expect(error.graceMs).toBe(50);
    expect(error.message).toMatchInlineSnapshot(
      `"thread task "stuck" was stopped and its thread, still running 50 ms later, was terminated"`,
    );
    const at = Atomics.load(progress, 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Atomics.load(progress, 0)).toBe(at);
    await until(() => warnings.length > 0);
    expect(warnings.map((w) => [(w as { code?: string }).code, w.message])).toEqual([
      [
        "GENTLETASK_THREAD_TERMINATED",
        'thread task "stuck" did not exit within graceMs (50 ms) of being stopped; its thread was terminated',
      ],
    ]);
  } finally {
    process.off("warning", onWarning);
  }
});

test("a stop cascade from the root reaches threads three levels down; root.stop() resolves once every thread has exited", async () => {
  const cleaned = sharedCounter();
  const progress = sharedCounter();
  const root = spawn(
    () =>
      spawn(
        () =>
          spawn(
            () =>
              Promise.all([
                spawnThread(work, "spinThenCleanUp", { args: [progress, cleaned], name: "t1" }),
                spawnThread(work, "spinThenCleanUp", { args: [progress, cleaned], name: "t2" }),
              ]),
            { name: "level-3" },
          ),
        { name: "level-2" },
      ),
    { name: "root" },
  );
  await until(() => Atomics.load(progress, 0) === 2);
  const tree = JSON.stringify(taskTree());
  expect(tree).toContain('"t1"');
  expect(tree).toContain('"t2"');
  await root.stop("shutdown");
  // Each thread's cleanup (a synchronous stretch after Stopped) ran to its end before stop resolved.
  expect(Atomics.load(cleaned, 0)).toBe(2);
  expect(await outcome(root)).toMatchObject({ ok: false, error: expect.any(Stopped) });
});

test("an error thrown in the thread keeps its name, message, stack, fields, cause and raise-site throughline", async () => {
  const result = await throughline.run({ name: "request" }, () =>
    outcome(spawnThread(work, "fail", { name: "parse" })),
  );
  const error = (result as { error: Error & { line?: number } }).error;
  expect(error.name).toBe("ParseError");
  expect(error.message).toBe("bad input");
  expect(error.stack).toContain("fail");
  expect(error.line).toBe(7);
  expect(error.cause).toBeInstanceOf(RangeError);
  expect((error.cause as Error).message).toBe("inner");
  expect(throughline.errorFrames(error)).toEqual([{ name: "request" }, { name: "parse" }]);
});

test("results and arguments can be transferred instead of copied", async () => {
  const bytes = await spawnThread<Uint8Array>(work, "bytes", { args: [16] });
  expect([...bytes]).toEqual(new Array(16).fill(7));
  const data = new Uint8Array(1000).fill(1);
  expect(await spawnThread(work, "sum", { args: [data], transfer: [data.buffer] })).toBe(1000);
  expect(data.byteLength).toBe(0); // moved to the thread
});

test("timeoutMs stops the thread task with a TaskTimeoutError", async () => {
  const progress = sharedCounter();
  const result = await outcome(spawnThread(work, "spin", { args: [progress], timeoutMs: 50 }));
  expect(result.ok).toBe(false);
  const error = (result as { error: Stopped | TaskTimeoutError }).error;
  const timeout = error instanceof Stopped ? error.reason : error;
  expect(timeout).toBeInstanceOf(TaskTimeoutError);
});

test("a throw in a thread's timer crashes it: the task fails clearly and the process goes on", async () => {
  const result = await outcome(spawnThread(work, "crashLater", { name: "crasher" }));
  const error = (result as { error: ThreadCrashError }).error;
  expect(error).toBeInstanceOf(ThreadCrashError);
  expect(error.message).toMatchInlineSnapshot(
    `"thread task "crasher" crashed: uncaught error in its thread: boom in a timer"`,
  );
  expect((error.cause as Error).message).toBe("boom in a timer");
  expect(await spawnThread(work, "add", { args: [1, 1] })).toBe(2);
});

test("process.exit(3) in a thread fails the task with the exit code", async () => {
  const result = await outcome(spawnThread(work, "exitThree", { name: "quitter" }));
  const error = (result as { error: ThreadCrashError }).error;
  expect(error).toBeInstanceOf(ThreadCrashError);
  expect(error.exitCode).toBe(3);
  expect(error.message).toMatchInlineSnapshot(
    `"thread task "quitter" crashed: its thread exited with code 3 before the job returned"`,
  );
  expect(await spawnThread(work, "add", { args: [1, 2] })).toBe(3);
});

test("a thread that exceeds its resourceLimits fails the task as out of memory", async () => {
  const result = await outcome(
    spawnThread(work, "hog", {
      name: "hog",
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    }),
  );
  const error = (result as { error: ThreadCrashError }).error;
  expect(error).toBeInstanceOf(ThreadCrashError);
  expect(error.message).toMatchInlineSnapshot(
    `"thread task "hog" crashed: its thread ran out of memory (resourceLimits exceeded)"`,
  );
  expect(await spawnThread(work, "add", { args: [2, 2] })).toBe(4);
});

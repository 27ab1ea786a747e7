import { expect, test } from "vitest";
import { runScript } from "./support/child-process.ts";

// Reports are real uncaught exceptions, so each scenario runs in a fresh
// process that records `uncaughtException` and prints what it saw.
const harness = `
const reported = [];
process.on("uncaughtException", (error) => reported.push(error));
const { spawn, raiseErrors, ManualTask, Stopped } = await import(TASKS);
const turn = () => new Promise((resolve) => setImmediate(resolve));
`;

test("raiseErrors (the option) reports a failure exactly once, with the task's name", () => {
  const result = runScript(`${harness}
    const failure = new Error("kaboom");
    const task = spawn(() => { throw failure; }, { name: "poller", raiseErrors: "job {name} crashed: {error}" });
    await task.wait().catch(() => {});
    raiseErrors(task, "second template ignored");
    await turn(); await turn();
    console.log(JSON.stringify(reported.map((e) => ({
      message: e.message, name: e.name, taskName: e.taskName, causeIsFailure: e.cause === failure,
    }))));
  `);
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual([
    {
      message: "job poller crashed: Error: kaboom",
      name: "TaskFailedError",
      taskName: "poller",
      causeIsFailure: true,
    },
  ]);
});

test("raiseErrors (the function) reports once, also for a task that already failed, never for Stopped", () => {
  const result = runScript(`${harness}
    const later = spawn(async () => { await turn(); throw new Error("later"); }, { name: "later" });
    raiseErrors(later);
    raiseErrors(later, "again {name}");
    const early = spawn(() => { throw new Error("early"); }, { name: "early" });
    await early.wait().catch(() => {});
    raiseErrors(early, "{name} had failed: {error}");
    const stopped = spawn(async () => { await new ManualTask(); }, { name: "stopped", raiseErrors: "{name}" });
    await turn();
    await stopped.stop();
    const custom = new ManualTask({ name: "manual" });
    raiseErrors(custom);
    custom.fail(new TypeError("custom failure"));
    const ok = spawn(() => 1, { raiseErrors: "never" });
    await ok;
    await later.wait().catch(() => {});
    await turn(); await turn();
    console.log(JSON.stringify(reported.map((e) => e.message).sort()));
  `);
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual([
    "early had failed: Error: early",
    'task "later" failed: Error: later',
    'task "manual" failed: TypeError: custom failure',
  ]);
});

test("a stopped MultiTask is a stop, not a failure, to raiseErrors; a real failure among the stops is reported", () => {
  const result = runScript(`${harness}
    const { MultiTask } = await import(TASKS);
    const waiting = () => spawn(async () => { await new ManualTask(); });
    const pair = new MultiTask([waiting(), waiting()], { name: "pair" });
    const nested = new MultiTask([new MultiTask([waiting(), waiting()]), waiting()], { name: "nested" });
    raiseErrors(pair);
    raiseErrors(nested);
    const broken = spawn(async () => {
      try { await new ManualTask(); } finally { throw new Error("cleanup broke"); }
    });
    const mixed = new MultiTask([broken, waiting()], { name: "mixed" });
    raiseErrors(mixed, "{name}: {error}");
    await turn();
    await Promise.all([pair.stop("shutdown"), nested.stop("shutdown"), mixed.stop("shutdown")]);
    await turn(); await turn();
    console.log(JSON.stringify(reported.map((e) => e.message)));
  `);
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual(["mixed: AggregateError: 2 of 2 tasks failed"]);
});

test("a custom task passed to raiseErrors is reported once through its finish callback", () => {
  const result = runScript(`${harness}
    const inner = new ManualTask({ name: "inner" });
    const custom = {
      name: "custom", isDone: false, isStopped: false, stopReason: undefined,
      get result() { return inner.wait(); },
      wait: () => inner.wait(), stop() {}, detach() {},
      addFinishCallback: (fn) => inner.addFinishCallback(fn),
      addStopCallback() {}, removeStopCallback() {},
    };
    raiseErrors(custom, "{name}: {error}");
    raiseErrors(custom, "twice");
    inner.fail(new Error("custom broke"));
    await turn(); await turn();
    console.log(JSON.stringify(reported.map((e) => e.message)));
  `);
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual(["custom: Error: custom broke"]);
});

test("a failed root task nobody observes is raised once as an unhandled rejection naming the task", () => {
  const result = runScript(`${harness}
    const rejections = [];
    process.on("unhandledRejection", (reason) => rejections.push(reason));
    const { throughline } = await import("@gentletask/semantic-stack");
    throughline.run({ name: "service" }, () => {
      spawn(() => { throw new Error("sync failure"); }, { name: "sync-job" });
      spawn(async () => { throw new Error("async failure"); }, { name: "async-job" });
    });
    await turn(); await turn(); await turn();
    console.log(JSON.stringify(rejections.map((e) => ({
      name: e.name, message: e.message, taskName: e.taskName, throughline: e.throughline, cause: e.cause.message,
    }))));
  `);
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual([
    {
      name: "TaskFailedError",
      message: 'task "sync-job" failed: Error: sync failure',
      taskName: "sync-job",
      throughline: ["service", "sync-job"],
      cause: "sync failure",
    },
    {
      name: "TaskFailedError",
      message: 'task "async-job" failed: Error: async failure',
      taskName: "async-job",
      throughline: ["service", "async-job"],
      cause: "async failure",
    },
  ]);
});

test("one error that several detached tasks failed with (they awaited one failed task) is raised once", () => {
  const result = runScript(`${harness}
    const rejections = [];
    process.on("unhandledRejection", (reason) => rejections.push(reason));
    const shared = spawn(() => { throw new Error("shared failure"); }, { name: "shared", detach: true });
    spawn(() => shared.wait(), { name: "reader-1", detach: true });
    spawn(() => shared.wait(), { name: "reader-2", detach: true });
    await turn(); await turn(); await turn();
    console.log(JSON.stringify(rejections.map((e) => e.cause.message)));
  `);
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual(["shared failure"]);
});

test("without a listener, Node's own policy decides: an unobserved root failure crashes the process", () => {
  const result = runScript(`
    const { spawn } = await import(TASKS);
    spawn(() => { throw new Error("nobody caught me"); }, { name: "doomed" });
    setTimeout(() => console.log("still alive"), 200);
  `);
  expect(result.status).toBe(1);
  // Node's own crash print of the rejection: the report, the task and its cause.
  expect(result.stderr).toContain(
    '[TaskFailedError]: task "doomed" failed: Error: nobody caught me',
  );
  expect(result.stderr).toContain("taskName: 'doomed'");
  expect(result.stderr).toContain("[cause]: Error: nobody caught me");
  expect(result.stdout).not.toContain("still alive");
});

test("a failure observed with raiseErrors is reported by it once, and not raised again", () => {
  const result = runScript(`${harness}
    const rejections = [];
    process.on("unhandledRejection", (reason) => rejections.push(reason));
    spawn(() => { throw new Error("once"); }, { name: "loud", raiseErrors: "{name}: {error}" });
    await turn(); await turn(); await turn();
    console.log(JSON.stringify([reported.map((e) => e.message), rejections.length]));
  `);
  expect(JSON.parse(result.stdout)).toEqual([["loud: Error: once"], 0]);
});

test("raiseErrors reports no AbortError a stop caused, for built-in and custom tasks", () => {
  const result = runScript(`${harness}
    const { setTimeout: delay } = await import("node:timers/promises");
    const task = spawn(() => delay(60_000, undefined, { signal: task.signal }), { raiseErrors: "{name}" });
    const custom = new ManualTask({ name: "custom" });
    raiseErrors(custom);
    await turn();
    await task.stop("bye");
    const controller = new AbortController();
    controller.abort(new Stopped("bye"));
    custom.fail(await delay(1, undefined, { signal: controller.signal }).catch((e) => e));
    await turn(); await turn();
    console.log(JSON.stringify(reported.map((e) => e.message)));
  `);
  expect(result.stderr).toBe("");
  expect(JSON.parse(result.stdout)).toEqual([]);
});

test("without a listener, a raised failure ends the process like any uncaught error", () => {
  const result = runScript(`
    const { spawn } = await import(TASKS);
    spawn(() => { throw new Error("fatal"); }, { name: "fatal-task", raiseErrors: "{name} died: {error}" });
    setTimeout(() => console.log("still alive"), 200);
  `);
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain("fatal-task died: Error: fatal");
  expect(result.stdout).not.toContain("still alive");
});

test("stop and finish callbacks that throw are reported, and never break the bookkeeping", () => {
  const result = runScript(`${harness}
    const events = [];
    const child = spawn(async () => { await new ManualTask(); }, { name: "child" });
    const task = spawn(async () => {
      try { await new ManualTask(); } finally { events.push("finally"); }
    }, { onFinish: () => { throw new Error("onFinish threw"); } });
    task.addStopCallback(() => { throw new Error("stop callback threw"); });
    task.addStopCallback(() => events.push("second stop callback ran"));
    task.addFinishCallback(() => events.push("second finish callback ran"));
    task.signal.addEventListener("abort", () => { throw new Error("abort listener threw"); });
    await turn();
    await task.stop("go");
    await child.stop();
    events.push("stop resolved, done=" + task.isDone);
    const done = spawn(() => 1);
    await done;
    done.addFinishCallback(() => { throw new Error("late finish callback threw"); });
    events.push("after late callback");
    await turn(); await turn();
    console.log(JSON.stringify({ events, reported: reported.map((e) => e.message).sort() }));
  `);
  expect(result.stderr).toBe("");
  const out = JSON.parse(result.stdout);
  expect(out.events).toEqual([
    "second stop callback ran",
    "finally",
    "second finish callback ran",
    "stop resolved, done=true",
    "after late callback",
  ]);
  expect(out.reported).toEqual([
    // Node's EventTarget reports a throwing abort listener the same way.
    "abort listener threw",
    "late finish callback threw",
    "onFinish threw",
    "stop callback threw",
  ]);
});

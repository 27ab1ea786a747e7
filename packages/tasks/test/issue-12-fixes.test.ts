import { setTimeout as delay } from "node:timers/promises";
import { expect, test } from "vitest";
import {
  formatTaskTree,
  ManualTask,
  MultiTask,
  SerialWorker,
  Stopped,
  spawn,
  type Task,
} from "../src/index.ts";
import { nextTurn } from "./support/turns.ts";

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

test("stop(revokedProxy) never hangs, and the task tree still prints", async () => {
  const parent = spawn(async () => {
    spawn(() => new ManualTask().wait(), { name: "child" });
    await new ManualTask();
  });
  await nextTurn();
  const reason = revokedProxy();
  const stopped = parent.stop(reason);
  expect(formatTaskTree()).toContain("(unprintable reason)");
  await stopped;
  const error = await parent.wait().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe(reason);
});

test("eleven timers/promises waits on one task's signal print no MaxListenersExceededWarning", async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on("warning", onWarning);
  try {
    const task = spawn(async () => {
      await Promise.all(
        Array.from({ length: 11 }, () => delay(60_000, undefined, { signal: task.signal })),
      );
    });
    await nextTurn();
    await task.stop();
    await nextTurn();
    expect(warnings.map((w) => w.name)).toEqual([]);
  } finally {
    process.off("warning", onWarning);
  }
});

/** A custom task that (wrongly) fires its finish callbacks twice. */
function twiceFinishing(name: string, value: unknown): Task {
  const callbacks: ((result: unknown, error: unknown) => void)[] = [];
  const task: Task = {
    name,
    isDone: false,
    isStopped: false,
    stopReason: undefined,
    result: new Promise(() => {}),
    wait: () => task.result,
    stop() {},
    addFinishCallback: (fn) => callbacks.push(fn),
    addStopCallback() {},
    removeStopCallback() {},
    detach() {},
  };
  queueMicrotask(() => {
    for (const fn of callbacks) fn(value, undefined);
    for (const fn of callbacks) fn(value, undefined);
  });
  return task;
}

test("a custom task firing its finish callbacks twice does not make a MultiTask finish early with holes", async () => {
  const slow = new ManualTask<string>();
  const both = new MultiTask([twiceFinishing("twice", "first"), slow]);
  await nextTurn();
  expect(both.isDone).toBe(false);
  slow.resolve("second");
  expect(await both).toEqual(["first", "second"]);
});

test("options objects reject unknown keys, naming them", () => {
  expect(() => spawn(() => 1, { timeout: 10 } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: unknown option \`timeout\` (known: \`name\`, \`args\`, \`detach\`, \`start\`, \`onFinish\`, \`raiseErrors\`, \`signal\`, \`timeoutMs\`)]`,
  );
  expect(() => new ManualTask({ nam: "x" } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: ManualTask: unknown option \`nam\` (known: \`name\`, \`onFinish\`)]`,
  );
  expect(
    () => new MultiTask([], { onfinish: () => {} } as never),
  ).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: MultiTask: unknown option \`onfinish\` (known: \`name\`, \`onFinish\`)]`,
  );
  const worker = new SerialWorker("w");
  expect(() => worker.submit(() => 1, { arg: [] } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: w.submit: unknown option \`arg\` (known: \`args\`, \`name\`)]`,
  );
  expect(() => worker.stop({ drian: false } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: w.stop: unknown option \`drian\` (known: \`drain\`)]`,
  );
  expect(worker.isStopped).toBe(false);
  expect(() => spawn(() => 1, revokedProxy() as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: spawn: could not read \`options\`: Cannot perform 'ownKeys' on a proxy that has been revoked]`,
  );
});

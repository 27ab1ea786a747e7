import { poll, Queue, withTimeout } from "@gentletask/primitives";
import { taskTree } from "@gentletask/tasks";
import { expect, test } from "vitest";

test("Queue#get and Queue#put refuse a typo such as `timeout`, which would otherwise wait forever", () => {
  const queue = new Queue<number>(1);
  queue.putNowait(1);
  expect(() => queue.get({ timeout: 50 } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: Queue#get: unknown option \`timeout\` (known: \`timeoutMs\`)]`,
  );
  expect(() => queue.put(2, { timeout: 50 } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: Queue#put: unknown option \`timeout\` (known: \`timeoutMs\`)]`,
  );
  expect(() => queue.get([] as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: Queue#get: expected \`options\` to be an object, got an array]`,
  );
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  expect(() => queue.get(revoked.proxy as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: Queue#get: could not read \`options\`: Cannot perform 'IsArray' on a proxy that has been revoked]`,
  );
  // State untouched: the item is still there, nothing was added.
  expect(queue.qsize()).toBe(1);
  expect(queue.getNowait()).toBe(1);
});

test("poll refuses an unknown option and wrong types, before sampling", () => {
  let samples = 0;
  const sample = () => {
    samples += 1;
    return true;
  };
  expect(() => poll(sample, { interval: 5 } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: poll: unknown option \`interval\` (known: \`intervalMs\`, \`timeoutMs\`)]`,
  );
  expect(() => poll(sample, { intervalMs: "5" } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: poll: expected \`options.intervalMs\` to be a number of milliseconds, got "5" (string)]`,
  );
  expect(() => poll(sample, { timeoutMs: -1 })).toThrowErrorMatchingInlineSnapshot(
    `[RangeError: poll: expected \`options.timeoutMs\` to be a non-negative number of milliseconds, got -1 (number)]`,
  );
  expect(samples).toBe(0);
});

test("withTimeout refuses an unknown option and a name that is not a string, starting nothing", () => {
  let ran = false;
  const body = () => {
    ran = true;
  };
  const before = taskTree().length;
  expect(() => withTimeout(10, body, { nmae: "x" } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: withTimeout: unknown option \`nmae\` (known: \`name\`)]`,
  );
  expect(() => withTimeout(10, body, { name: 42 } as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: withTimeout: expected \`options.name\` to be a string, got 42 (number)]`,
  );
  expect(() => withTimeout(10, body, "lookup" as never)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: withTimeout: expected \`options\` to be an object, got "lookup" (string)]`,
  );
  expect(ran).toBe(false);
  expect(taskTree().length).toBe(before);
});

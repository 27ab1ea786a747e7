import {
  checkStop,
  currentSignal,
  Event,
  type PollOptions,
  poll,
  Queue,
  type QueueEmpty,
  type QueueFull,
  shield,
  sleep,
  stoppable,
  type WithTimeoutOptions,
  withTimeout,
} from "@gentletask/primitives";
import type { TaskTimeoutError } from "@gentletask/tasks";
import { expectTypeOf, test } from "vitest";

test("public signatures", () => {
  expectTypeOf(sleep).toEqualTypeOf<(ms: number) => Promise<void>>();
  expectTypeOf(checkStop).toEqualTypeOf<() => void>();
  expectTypeOf(currentSignal).returns.toEqualTypeOf<AbortSignal>();
  expectTypeOf(poll(() => 1 as const)).toEqualTypeOf<Promise<1>>();
  expectTypeOf(poll(async () => "x")).toEqualTypeOf<Promise<string>>();
  expectTypeOf<PollOptions>().toEqualTypeOf<{ intervalMs?: number; timeoutMs?: number }>();
  expectTypeOf(stoppable(Promise.resolve(1))).toEqualTypeOf<Promise<number>>();
  expectTypeOf(withTimeout(1, () => "x")).toEqualTypeOf<Promise<string>>();
  expectTypeOf(withTimeout(1, async () => 2)).toEqualTypeOf<Promise<number>>();
  expectTypeOf<WithTimeoutOptions>().toEqualTypeOf<{ name?: string }>();
  expectTypeOf(shield(async () => 3)).toEqualTypeOf<Promise<number>>();
  expectTypeOf(shield(() => "y")).toEqualTypeOf<Promise<string>>();
  expectTypeOf(new Event().wait()).toEqualTypeOf<Promise<boolean>>();
  expectTypeOf<QueueEmpty>().toExtend<Error>();
  expectTypeOf<QueueFull>().toExtend<Error>();
  expectTypeOf<TaskTimeoutError>().toExtend<Error>();
});

test("Queue is typed by its items", () => {
  const queue = new Queue<number>(10);
  expectTypeOf(queue.get).returns.toEqualTypeOf<Promise<number>>();
  expectTypeOf(queue.getNowait).returns.toEqualTypeOf<number>();
  expectTypeOf(queue.put).parameter(0).toEqualTypeOf<number>();
  expectTypeOf(queue[Symbol.asyncIterator]()).toEqualTypeOf<AsyncIterator<number>>();
  // Type-level only: never called.
  const misuse = () => {
    // @ts-expect-error: a string is not a number item
    queue.putNowait("one");
    // @ts-expect-error: timeouts are numbers of milliseconds
    void queue.get({ timeoutMs: "1" });
    // @ts-expect-error: sleep takes milliseconds as a number
    void sleep("1");
  };
  expectTypeOf(misuse).toBeFunction();
});

import { Event, Queue, sleep } from "@gentletask/primitives";
import { throughline } from "@gentletask/semantic-stack";
import { spawn, taskChain } from "@gentletask/tasks";
import { expect, test } from "vitest";

// STYLE 7: context is captured when a wait is registered, so whoever wakes a
// waiter, it resumes in its own context. 100 concurrent flows each check theirs.
const flows = 100;

test("100 concurrent flows each keep their own throughline through Queue#get", async () => {
  const queue = new Queue<number>();
  const mismatches: string[] = [];
  const runs = Array.from({ length: flows }, (_, i) =>
    throughline.run({ name: `flow-${i}` }, async () => {
      const item = await queue.get();
      const seen = throughline.collect("name");
      if (seen.join() !== `flow-${i}`)
        mismatches.push(`flow-${i} saw ${seen.join()} (item ${item})`);
    }),
  );
  // Woken from the test's own context, in reverse order of arrival.
  await throughline.run({ name: "producer" }, async () => {
    for (let i = 0; i < flows; i++) {
      await sleep(0);
      queue.putNowait(i);
    }
  });
  await Promise.all(runs);
  expect(mismatches).toEqual([]);
});

test("100 concurrent tasks each keep their own chain through Queue#put on a full queue and Event#wait", async () => {
  const queue = new Queue<number>(1);
  queue.putNowait(-1);
  const event = new Event();
  const mismatches: string[] = [];
  const tasks = Array.from({ length: flows }, (_, i) =>
    spawn(
      async () => {
        await queue.put(i);
        if (taskChain().join() !== `task-${i}`)
          mismatches.push(`put: task-${i} saw ${taskChain()}`);
        await event.wait();
        if (taskChain().join() !== `task-${i}`)
          mismatches.push(`event: task-${i} saw ${taskChain()}`);
      },
      { name: `task-${i}` },
    ),
  );
  const drained = spawn(
    async () => {
      for (let i = 0; i <= flows; i++) await queue.get();
      event.set();
    },
    { name: "drainer" },
  );
  await Promise.all([...tasks.map((task) => task.wait()), drained.wait()]);
  expect(mismatches).toEqual([]);
});

import { expect, test } from "vitest";
import { runScript } from "./support/child-process.ts";

test("a long-lived parent that starts and finishes 1,000,000 short children holds none of them", () => {
  // A fresh process with --expose-gc: the heap after a million children must
  // be back near where it was after the first thousand, and the parent must
  // be able to finish (it waits for any child it still held).
  const result = runScript(
    `
    const { spawn, ManualTask } = await import(TASKS);
    const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
    const gate = new ManualTask();
    let warm = 0;
    let after = 0;
    const parent = spawn(async () => {
      for (let i = 0; i < 1_000_000; i++) {
        const child = spawn(() => i, { name: "short" });
        await child;
        if (i === 1_000) warm = heap();
      }
      after = heap();
      await gate;
      return "parent done";
    }, { name: "long-lived" });
    while (after === 0) await new Promise((r) => setTimeout(r, 50));
    gate.resolve();
    const done = await parent;
    console.log(JSON.stringify({ warm, after, done }));
    `,
    ["--expose-gc"],
  );
  expect(result.stderr).toBe("");
  const { warm, after, done } = JSON.parse(result.stdout);
  expect(done).toBe("parent done");
  // A held child costs hundreds of bytes: a million would be hundreds of MB.
  expect(after - warm).toBeLessThan(8 * 1024 * 1024);
}, 120_000);

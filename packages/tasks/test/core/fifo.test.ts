import { expect, test } from "vitest";
import { Fifo } from "../../src/core/fifo.ts";

test("first in, first out, across the compaction of a long run", () => {
  const fifo = new Fifo<number>();
  for (let i = 0; i < 5000; i++) fifo.push(i);
  const out: number[] = [];
  for (let i = 0; i < 3000; i++) out.push(fifo.shift());
  for (let i = 5000; i < 6000; i++) fifo.push(i);
  while (fifo.length > 0) out.push(fifo.shift());
  expect(out).toEqual(Array.from({ length: 6000 }, (_, i) => i));
});

// CI's proof that every peer in the benchmark is implemented right: the
// `--quick` mode's correctness checks, without any timing. And proof that the
// checks bite: a contender that does not really wait, or whose stop resolves
// before its cleanup ran, is caught.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs module without types
import { checkAll } from "../checks.mjs";
// @ts-expect-error: a plain .mjs module without types
import { measureChain, measureWide } from "../waiting.mjs";

type Count = { started: number; finals: number };

describe("peer benchmark correctness checks", () => {
  it("passes for every contender of every row", async () => {
    const failures: string[] = await checkAll();
    expect(failures).toEqual([]);
  });

  it("catches a waiting task that does not really wait", async () => {
    const eager = async (n: number, count: Count) => {
      const all: Promise<void>[] = [];
      for (let i = 0; i < n; i++) {
        all.push(
          (async () => {
            count.started++;
            await new Promise((resolve) => setImmediate(resolve));
            count.finals++;
          })(),
        );
      }
      return () => Promise.all(all);
    };
    await expect(measureWide(eager, 10)).rejects.toThrow("a child finished before it was stopped");
  });

  it("catches a stop that resolves before every finally ran", async () => {
    const hasty = (_depth: number, count: Count, ready: () => void) => {
      ready();
      return async () => {
        count.finals++;
      };
    };
    await expect(measureChain(hasty, 3)).rejects.toThrow(
      "stop resolved before every level ran its finally",
    );
  });
});

// A task given to a combinator that has decided is no longer watched by it:
// a failure it raises later must still go up its own tree, not be lost.
import { race, sleep } from "@gentletask/primitives";
import { ManualTask, spawn } from "@gentletask/tasks";
import { expect, test } from "vitest";

test("a given task that fails after the race was decided fails its own parent", async () => {
  const failure = new Error("boom");
  let shared: ManualTask<never> | undefined;
  const root = spawn(
    async () => {
      shared = new ManualTask<never>({ name: "shared" });
      const winner = await race([shared, async () => 1]);
      shared.fail(failure);
      // The failure goes up to root by the end of the turn; root is stopped with it.
      await sleep(Number.POSITIVE_INFINITY);
      return winner;
    },
    { name: "root" },
  );
  expect(await root.wait().catch((error: unknown) => error)).toBe(failure);
  expect(shared?.isDone).toBe(true);
});

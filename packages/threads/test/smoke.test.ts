import { throughline } from "@gentletask/semantic-stack";
import { spawnThread } from "@gentletask/threads";
import { expect, test } from "vitest";

const work = new URL("./fixtures/work.mjs", import.meta.url);

test("smoke", async () => {
  expect(await spawnThread(work, "add", { args: [2, 3] })).toBe(5);
  const c = await throughline.run({ name: "request" }, () => spawnThread(work, "chain", { name: "job" }));
  expect(c).toEqual({ chain: ["request", "job"], current: "job" });
});

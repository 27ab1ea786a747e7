// pnpm bench: the semantic stack against raw AsyncLocalStorage, in one process.
import { AsyncLocalStorage } from "node:async_hooks";
import { throughline } from "@gentletask/semantic-stack";
import { compare, printTable } from "../../../bench-support/harness.mjs";

const als = new AsyncLocalStorage();
const major = Number(process.versions.node.split(".")[0]);
const runBudget = major >= 24 ? 1.3 : 2;

const frame = { name: "request" };
const results = [];

results.push({
  ...(await compare("sync run + get", {
    baseline: () => als.run({ name: "request" }, () => als.getStore().name),
    subject: () => throughline.run(frame, () => throughline.get("name")),
  })),
  budget: runBudget,
});

results.push({
  ...(await compare("sync run + collect", {
    baseline: () => als.run({ name: "request" }, () => [als.getStore().name]),
    subject: () => throughline.run(frame, () => throughline.collect("name")),
  })),
  budget: runBudget,
});

results.push({
  ...(await compare("async run + get (awaited body)", {
    baseline: () =>
      als.run({ name: "request" }, async () => {
        await null;
        return als.getStore().name;
      }),
    subject: () =>
      throughline.run(frame, async () => {
        await null;
        return throughline.get("name");
      }),
    iterations: 100_000,
  })),
  budget: runBudget,
});

// collect at depth N vs a plain loop over an array of N frames.
function nest(depth, fn) {
  return depth === 0 ? fn() : throughline.run({ name: `f${depth}` }, () => nest(depth - 1, fn));
}
for (const depth of [1, 8, 32]) {
  const frames = Array.from({ length: depth }, (_, i) => ({ name: `f${i}` }));
  const loop = () => {
    const out = [];
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i];
      if ("name" in f) out.push(f.name);
    }
    return out;
  };
  const result = await nest(depth, () =>
    compare(`collect at depth ${depth} vs loop over ${depth} frames`, {
      baseline: loop,
      subject: () => throughline.collect("name"),
      iterations: 500_000,
    }),
  );
  results.push(depth === 8 ? { ...result, budget: 2 } : result);
}

printTable("@gentletask/semantic-stack", results);

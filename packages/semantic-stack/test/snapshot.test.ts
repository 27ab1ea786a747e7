import { Worker } from "node:worker_threads";
import { SemanticSnapshot, SemanticStack, throughline } from "@gentletask/semantic-stack";
import { expect, test } from "vitest";

const names = () => throughline.collect<string>("name");

test("a snapshot captures the frames; run installs them instead of the current ones", () => {
  const snap = throughline.run({ name: "request_handler", request_id: "r-42" }, () =>
    throughline.snapshot(),
  );
  expect(snap).toBeInstanceOf(SemanticSnapshot);
  expect(names()).toEqual([]);
  throughline.run({ name: "elsewhere" }, () => {
    expect(snap.run(() => [names(), throughline.get("request_id")])).toEqual([
      ["request_handler"],
      "r-42",
    ]);
    expect(names()).toEqual(["elsewhere"]);
  });
});

test("a snapshot does not change when the stack moves on", () => {
  throughline.run({ name: "a" }, () => {
    const snap = throughline.snapshot();
    throughline.run({ name: "b" }, () => {
      expect(snap.frames()).toEqual([{ name: "a" }]);
    });
  });
});

test("an empty snapshot installs an empty stack", () => {
  const empty = throughline.snapshot();
  throughline.run({ name: "busy" }, () => {
    expect(empty.run(() => throughline.depth)).toBe(0);
  });
});

test("frames() of a snapshot survives structuredClone and JSON", () => {
  const snap = throughline.run({ name: "job", attempt: 2, tags: ["a", "b"] }, () =>
    throughline.run({ name: "step" }, () => throughline.snapshot()),
  );
  const cloned = structuredClone(snap.frames());
  const viaJson = JSON.parse(JSON.stringify(snap.frames()));
  const expected = [{ name: "job", attempt: 2, tags: ["a", "b"] }, { name: "step" }];
  expect(cloned).toEqual(expected);
  expect(viaJson).toEqual(expected);
  expect(throughline.restore(viaJson, () => throughline.frames())).toEqual(expected);
});

test("restore installs a snapshot or plain frames instead of the current ones", () => {
  const snap = throughline.run({ name: "captured" }, () => throughline.snapshot());
  throughline.run({ name: "current" }, () => {
    expect(throughline.restore(snap, names)).toEqual(["captured"]);
    expect(throughline.restore([{ name: "x" }, { name: "y" }], names)).toEqual(["x", "y"]);
    expect(throughline.restore(new Set([{ name: "from-set" }]), names)).toEqual(["from-set"]);
    expect(names()).toEqual(["current"]);
  });
});

test("restore does not check required keys", () => {
  expect(throughline.restore([{ noName: true }], () => throughline.frames())).toEqual([
    { noName: true },
  ]);
});

test("restore copies the plain frames it is given", () => {
  const frames = [{ name: "original" }];
  throughline.restore(frames, () => {
    (frames[0] as { name: string }).name = "changed";
    expect(names()).toEqual(["original"]);
  });
});

test("a snapshot of one stack restores into another stack as its frames", () => {
  const a = new SemanticStack("a");
  const b = new SemanticStack("b");
  const snap = a.run({ op: "from-a" }, () => a.snapshot());
  expect(b.restore(snap, () => b.frames())).toEqual([{ op: "from-a" }]);
  expect(b.restore(snap, () => a.depth)).toBe(0);
});

test("restore and snapshot.run return what fn returns, promises included", async () => {
  const snap = throughline.run({ name: "s" }, () => throughline.snapshot());
  expect(await snap.run(async () => names())).toEqual(["s"]);
  expect(await throughline.restore(snap, async () => names())).toEqual(["s"]);
});

test("a snapshot crosses a real worker thread and is restored there", async () => {
  const frames = throughline.run({ name: "parent-job", id: 7 }, () =>
    throughline.run({ name: "hand-off" }, () => throughline.snapshot().frames()),
  );
  const workerSource = `
    const { parentPort, workerData } = require("node:worker_threads");
    import(workerData.entry).then(({ throughline }) => {
      const seen = throughline.restore(workerData.frames, () =>
        throughline.run({ name: "in-worker" }, () => ({
          names: throughline.collect("name"),
          id: throughline.get("id"),
          frames: throughline.frames(),
        })),
      );
      parentPort.postMessage(seen);
    });
  `;
  // The worker loads the built package: plain Node cannot import TypeScript.
  const entry = new URL("../dist/index.js", import.meta.url).href;
  const worker = new Worker(workerSource, { eval: true, workerData: { frames, entry } });
  const seen = await new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  await worker.terminate();
  expect(seen).toEqual({
    names: ["parent-job", "hand-off", "in-worker"],
    id: 7,
    frames: [{ name: "parent-job", id: 7 }, { name: "hand-off" }, { name: "in-worker" }],
  });
});

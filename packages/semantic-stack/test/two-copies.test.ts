import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** Installs the built package, as a user would get it, under `root`/node_modules. */
function installCopy(root: string): string {
  const target = join(root, "node_modules", "@gentletask", "semantic-stack");
  cpSync(join(packageDir, "dist"), join(target, "dist"), { recursive: true });
  cpSync(join(packageDir, "package.json"), join(target, "package.json"));
  return join(target, "dist", "index.js");
}

test("two copies installed at different paths share one throughline and one task record", () => {
  const scratch = mkdtempSync(join(tmpdir(), "gentletask-two-copies-"));
  try {
    const first = installCopy(join(scratch, "app"));
    const second = installCopy(join(scratch, "app", "node_modules", "some-library"));
    const script = `
      const a = await import(${JSON.stringify(first)});
      const b = await import(${JSON.stringify(second)});
      const recordA = await import(${JSON.stringify(first.replace("index.js", "task-record.js"))});
      const recordB = await import(${JSON.stringify(second.replace("index.js", "task-record.js"))});
      const task = { id: "task" };
      const out = {
        distinctModules: a.throughline !== b.throughline,
        namesSeenByB: a.throughline.run({ name: "outer" }, () =>
          b.throughline.run({ name: "inner" }, () => a.throughline.collect("name"))),
        taskSeenByB: recordA.runInTask(task, "t", () => recordB.currentTaskRecord() === task),
      };
      const error = new Error("x");
      try { b.throughline.run({ name: "raised-in-b" }, () => { throw error; }); } catch {}
      out.errorFramesFromA = a.throughline.errorFrames(error);
      const snap = a.throughline.run({ name: "snap" }, () => a.throughline.snapshot());
      out.restoredByB = b.throughline.restore(snap, () => b.throughline.collect("name"));
      console.log(JSON.stringify(out));
    `;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    expect(JSON.parse(output)).toEqual({
      distinctModules: true,
      namesSeenByB: ["outer", "inner"],
      taskSeenByB: true,
      errorFramesFromA: [{ name: "raised-in-b" }],
      restoredByB: ["snap"],
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test("importing the package has no side effects: the global record appears on first use", () => {
  const script = `
    const key = Symbol.for("gentletask.semantic-stack.v1");
    const { throughline } = await import(${JSON.stringify(join(packageDir, "dist", "index.js"))});
    const before = key in globalThis;
    throughline.depth;
    const after = globalThis[key];
    console.log(JSON.stringify({ before, version: after.version, frozen: Object.isFrozen(after) }));
  `;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  expect(JSON.parse(output)).toEqual({ before: false, version: 1, frozen: true });
});

test("an incompatible record under our key gets a coded warning and a private throughline", () => {
  const script = `
    globalThis[Symbol.for("gentletask.semantic-stack.v1")] = { version: 99 };
    process.on("warning", (w) => console.log(JSON.stringify({ code: w.code })));
    const { throughline } = await import(${JSON.stringify(join(packageDir, "dist", "index.js"))});
    console.log(JSON.stringify({ names: throughline.run({ name: "still-works" }, () => throughline.collect("name")) }));
  `;
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  const lines = output
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(lines).toContainEqual({ names: ["still-works"] });
  expect(lines).toContainEqual({ code: "GENTLETASK_INCOMPATIBLE_GLOBAL" });
});

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

/** Runs `script` (an ES module) in a fresh Node process; returns its stdout lines, parsed as JSON. */
function runLines(script: string): unknown[] {
  const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  return output
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

/** A script that loads two installed copies and reports what they share, after `prelude`. */
function twoCopiesScript(first: string, second: string, prelude: string): string {
  return `
    ${prelude}
    process.on("warning", (w) => console.log(JSON.stringify({ code: w.code })));
    const a = await import(${JSON.stringify(first)});
    const b = await import(${JSON.stringify(second)});
    const recordA = await import(${JSON.stringify(first.replace("index.js", "task-record.js"))});
    const recordB = await import(${JSON.stringify(second.replace("index.js", "task-record.js"))});
    const task = { id: "task" };
    console.log(JSON.stringify({
      namesSeenByB: a.throughline.run({ name: "outer" }, () =>
        b.throughline.run({ name: "inner" }, () => a.throughline.collect("name"))),
      taskSeenByB: recordA.runInTask(task, "t", () => recordB.currentTaskRecord() === task),
    }));
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
  `;
}

/** Installs two copies, runs `prelude` before either loads, and gives what the script printed. */
function withTwoCopies(prelude: string): unknown[] {
  const scratch = mkdtempSync(join(tmpdir(), "gentletask-two-copies-"));
  try {
    const first = installCopy(join(scratch, "app"));
    const second = installCopy(join(scratch, "app", "node_modules", "some-library"));
    return runLines(twoCopiesScript(first, second, prelude));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

test("an incompatible record under our key: compatible copies still share one throughline and task record, with one coded warning each", () => {
  const lines = withTwoCopies(
    `globalThis[Symbol.for("gentletask.semantic-stack.v1")] = { version: 99 };`,
  );
  expect(lines).toContainEqual({ namesSeenByB: ["outer", "inner"], taskSeenByB: true });
  expect(lines.filter((line) => (line as { code?: string }).code !== undefined)).toEqual([
    { code: "GENTLETASK_INCOMPATIBLE_GLOBAL" },
    { code: "GENTLETASK_INCOMPATIBLE_GLOBAL" },
  ]);
});

test("hostile values under our key and the first overflow keys are passed over, never thrown on", () => {
  const lines = withTwoCopies(`
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    globalThis[Symbol.for("gentletask.semantic-stack.v1")] = proxy;
    Object.defineProperty(globalThis, Symbol.for("gentletask.semantic-stack.v1.overflow.1"), {
      get() { throw new Error("hostile getter"); },
    });
    globalThis[Symbol.for("gentletask.semantic-stack.v1.overflow.2")] = { version: 1, throughline: null };
  `);
  expect(lines).toContainEqual({ namesSeenByB: ["outer", "inner"], taskSeenByB: true });
});

test("when no slot is usable the copy keeps a private throughline that still works, and says so", () => {
  const lines = runLines(`
    for (const key of ["v1", ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => "v1.overflow." + n)]) {
      globalThis[Symbol.for("gentletask.semantic-stack." + key)] = { version: 99 };
    }
    process.on("warning", (w) => console.log(JSON.stringify({ code: w.code })));
    const { throughline } = await import(${JSON.stringify(join(packageDir, "dist", "index.js"))});
    console.log(JSON.stringify({ names: throughline.run({ name: "still-works" }, () => throughline.collect("name")) }));
  `);
  expect(lines).toContainEqual({ names: ["still-works"] });
  expect(lines).toContainEqual({ code: "GENTLETASK_INCOMPATIBLE_GLOBAL" });
});

test("another major under its own key splits the throughline: the copy warns with a code and keeps working", () => {
  const lines = runLines(`
    globalThis[Symbol.for("gentletask.semantic-stack.v2")] = { version: 2 };
    globalThis[Symbol.for("gentletask.semantic-stack.v1.overflow.3")] = "not a major key";
    process.on("warning", (w) => console.log(JSON.stringify({ code: w.code, mentionsTwo: w.message.includes("major version 2") })));
    const { throughline } = await import(${JSON.stringify(join(packageDir, "dist", "index.js"))});
    console.log(JSON.stringify({ names: throughline.run({ name: "v1" }, () => throughline.collect("name")) }));
    await new Promise((resolve) => setImmediate(resolve));
  `);
  expect(lines).toEqual([
    { names: ["v1"] },
    { code: "GENTLETASK_THROUGHLINE_SPLIT", mentionsTwo: true },
  ]);
});

test("one major alone gives no warning", () => {
  const lines = runLines(`
    process.on("warning", (w) => console.log(JSON.stringify({ code: w.code })));
    const { throughline } = await import(${JSON.stringify(join(packageDir, "dist", "index.js"))});
    console.log(JSON.stringify({ names: throughline.run({ name: "alone" }, () => throughline.collect("name")) }));
    await new Promise((resolve) => setImmediate(resolve));
  `);
  expect(lines).toEqual([{ names: ["alone"] }]);
});

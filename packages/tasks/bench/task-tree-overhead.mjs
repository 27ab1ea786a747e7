// What the live task tree costs when nobody asks for it: spawn + await of a
// trivial body with the feature as shipped, against the same build with the
// feature cut out (no creation time recorded, no list of root tasks). The
// variant is made from dist/ by two textual edits; if either edit no longer
// applies, this script says so and fails rather than measure the wrong thing.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { alternate, printTable } from "../../../bench-support/harness.mjs";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
// Inside the package, so the variant resolves @gentletask/semantic-stack as dist does.
const variant = fileURLToPath(new URL("../.bench-variant/", import.meta.url));
rmSync(variant, { recursive: true, force: true });
mkdirSync(variant, { recursive: true });
cpSync(dist, variant, { recursive: true });
const edits = [
  [
    "task-base.js",
    "new TaskNode(name, this, kind, coarseNow())",
    "new TaskNode(name, this, kind, 0)",
  ],
  [
    "core/join-tree.js",
    "if (node.parent === undefined && (node.flags & EXITED) === 0)",
    "if (false)",
  ],
];
for (const [file, from, to] of edits) {
  const path = `${variant}${file}`;
  const source = readFileSync(path, "utf8");
  if (!source.includes(from)) {
    console.error(`task-tree-overhead: dist/${file} no longer contains ${JSON.stringify(from)}`);
    process.exit(1);
  }
  writeFileSync(path, source.replace(from, to));
}

const shipped = await import("@gentletask/tasks");
const without = await import(`${variant}index.js`);

async function timePerSpawn(tasks, asChildren, count) {
  const start = process.hrtime.bigint();
  if (asChildren) {
    await tasks.spawn(async () => {
      for (let i = 0; i < count; i++) await tasks.spawn(() => i);
    });
  } else {
    for (let i = 0; i < count; i++) await tasks.spawn(() => i);
  }
  return Number(process.hrtime.bigint() - start) / count;
}

const rows = [];
for (const asChildren of [false, true]) {
  await timePerSpawn(without, asChildren, 20_000);
  await timePerSpawn(shipped, asChildren, 20_000);
  const result = await alternate(
    15,
    () => timePerSpawn(without, asChildren, 50_000),
    () => timePerSpawn(shipped, asChildren, 50_000),
  );
  const label = asChildren ? "spawn + await, as children" : "spawn + await, root tasks";
  rows.push({ label, ...result, unit: "ns", budget: 1.1 });
}
printTable("@gentletask/tasks: live task tree overhead (without vs with)", rows);
rmSync(variant, { recursive: true, force: true });

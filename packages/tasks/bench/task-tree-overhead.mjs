// What the live task tree costs when nobody asks for it: spawn + await of a
// trivial body with the feature as shipped, against the same build with the
// feature cut out (no creation time recorded, no list of root tasks). The
// variant is made from dist/ by two textual edits; if either edit no longer
// applies, this script says so and fails rather than measure the wrong thing.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { median, verdict } from "../../../bench-support/stats.mjs";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
// Inside the package, so the variant resolves @gentletask/semantic-stack as dist does.
const variant = fileURLToPath(new URL("../.bench-variant/", import.meta.url));
rmSync(variant, { recursive: true, force: true });
mkdirSync(variant, { recursive: true });
cpSync(dist, variant, { recursive: true });
const base = `${variant}task-base.js`;
let source = readFileSync(base, "utf8");
const edits = [
  ["#createdAt = coarseNow();", "#createdAt = 0;"],
  ["if (this.#parent === undefined && !this.#exited) {", "if (false) {"],
];
for (const [from, to] of edits) {
  if (!source.includes(from)) {
    console.error(
      `task-tree-overhead: dist/task-base.js no longer contains ${JSON.stringify(from)}`,
    );
    process.exit(1);
  }
  source = source.replace(from, to);
}
writeFileSync(base, source);

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

console.log(`\n@gentletask/tasks: live task tree overhead (Node ${process.versions.node})`);
console.log(
  `${"case".padEnd(34)} ${"without ns".padStart(11)} ${"with ns".padStart(9)} ${"ratio".padStart(6)}  budget`,
);
for (const asChildren of [false, true]) {
  await timePerSpawn(without, asChildren, 20_000);
  await timePerSpawn(shipped, asChildren, 20_000);
  const base = [];
  const subject = [];
  const ratios = [];
  for (let round = 0; round < 15; round++) {
    const b = await timePerSpawn(without, asChildren, 50_000);
    const s = await timePerSpawn(shipped, asChildren, 50_000);
    base.push(b);
    subject.push(s);
    ratios.push(s / b);
  }
  const ratio = median(ratios);
  console.log(
    `${(asChildren ? "spawn + await, as children" : "spawn + await, root tasks").padEnd(34)} ${median(base).toFixed(0).padStart(11)} ${median(subject).toFixed(0).padStart(9)} ${ratio.toFixed(2).padStart(6)}  ${verdict(ratio, 1.1)}`,
  );
}
rmSync(variant, { recursive: true, force: true });

import { spawnThread } from "@gentletask/threads";

const work = new URL("./seed-work.mjs", import.meta.url);

const t = spawnThread<number>(work, "sixTimesSeven");
console.log(await t.wait()); // 42
console.log(t.isDone); // true

// Exceptions surface through wait()
const failed = spawnThread(work, "boom");
try {
  await failed.wait();
} catch (error) {
  console.log("caught:", (error as Error).message); // the RangeError, rebuilt on this side
}

const logLines: string[] = [];
const adder = spawnThread<number>(work, "adder", { args: [3, 4], name: "adder" });
adder.addFinishCallback((result) => logLines.push(`adder finished -> ${result}`));
console.log(await adder.wait()); // 7
console.log(logLines); // ["adder finished -> 7"]

import { mapConcurrent, sleep } from "@gentletask/primitives";

async function* lines() {
  for (const line of ["alpha", "beta", "gamma", "delta"]) yield line;
}

// Reads an item only when one of the 2 slots is free; results keep input order.
const lengths = await mapConcurrent(lines(), 2, async (line, index) => {
  await sleep(10 - index * 2);
  return `${index}:${line.length}`;
});
console.log(lengths);

// Fails fast: the first failure stops the calls still running.
try {
  await mapConcurrent([1, 2, 3], 3, async (n) => {
    if (n === 2) throw new Error(`item ${n} is bad`);
    try {
      await sleep(60_000);
    } finally {
      console.log(`item ${n} stopped`);
    }
  });
} catch (error) {
  console.log((error as Error).message);
}
// [ '0:5', '1:4', '2:5', '3:5' ]
// item 1 stopped
// item 3 stopped
// item 2 is bad

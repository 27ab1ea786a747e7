// seed-work.mjs: the functions the examples run on threads
import { checkStop } from "@gentletask/primitives";
import { taskChain } from "@gentletask/tasks";

export const sixTimesSeven = () => 6 * 7;

export function boom() {
  throw new RangeError("kaboom");
}

export const adder = (x, y) => x + y;

export function countPrimes(below) {
  let count = 0;
  for (let n = 2; n < below; n++) {
    checkStop(); // throws Stopped as soon as the caller stops the task
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (prime) count++;
  }
  return count;
}

export function job(label) {
  return { chain: taskChain(), upper: label.toUpperCase() };
}

// The exports the benchmarks run on threads.
import { checkStop } from "@gentletask/primitives";

export function add(a, b) {
  return a + b;
}

/** Marks when the export's first line ran (epoch ms, in a shared Float64Array). */
export function firstLine(mark) {
  mark[0] = performance.timeOrigin + performance.now();
  return 0;
}

/** Counts the primes in [lo, hi), checking for a stop as it goes. */
export function countPrimesBetween(lo, hi) {
  let count = 0;
  for (let n = Math.max(lo, 2); n < hi; n++) {
    checkStop();
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

// What every package's `pnpm bench` reports with: medians of alternating
// rounds, and a ratio's verdict against its budget. Not published; the bench
// scripts import it by relative path, as the tests do test-support.

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `"<= 2x ok"` or `"> 2x OVER"` for `ratio` against `budget`; `""` without a budget. */
export function verdict(ratio, budget) {
  if (budget === undefined) return "";
  return ratio <= budget ? `<= ${budget}x ok` : `> ${budget}x OVER`;
}

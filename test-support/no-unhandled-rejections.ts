import { afterEach } from "vitest";

// Any unhandled rejection fails the test during which it surfaced, so a
// library promise left to reject unobserved can never pass quietly.
const unhandled: unknown[] = [];
process.on("unhandledRejection", (reason) => {
  unhandled.push(reason);
});

afterEach(async () => {
  // Node reports unhandled rejections after the microtask queue drains, so
  // give it one macrotask turn before looking.
  await new Promise((resolve) => setImmediate(resolve));
  if (unhandled.length > 0) {
    const reasons = unhandled.splice(0);
    throw new Error(
      `unhandled rejection during this test: ${reasons.map((r) => String(r)).join("; ")}`,
    );
  }
});

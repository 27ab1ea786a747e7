/**
 * Bounds for tests that run a fresh Node process. Such a child may compile
 * the workspace's TypeScript sources as it loads them (`register-ts-source.mjs`):
 * seconds on a quiet machine, but 20 to 40 s on a loaded two-core machine
 * running several suites' children at once, and one was seen still silent
 * after 90 s at a load average of 25. These bounds only catch a child that
 * hangs; they are not a measure of speed.
 */

/** After this long a child is killed, so that a hang fails with the child's own output. */
export const CHILD_KILL_MS = 180_000;

/** The test's own bound, above {@link CHILD_KILL_MS} so that the kill reports first. */
export const CHILD_TEST_MS = 240_000;

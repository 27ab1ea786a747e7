/**
 * Bounds for tests that run a fresh Node process. Such a child may compile
 * the workspace's TypeScript sources as it loads them (`register-ts-source.mjs`):
 * seconds on a quiet machine, but over 30 s on a loaded two-core CI machine
 * running several suites' children at once. These bounds only catch a child
 * that hangs; they are not a measure of speed.
 */

/** After this long a child is killed, so that a hang fails with the child's own output. */
export const CHILD_KILL_MS = 90_000;

/** The test's own bound, above {@link CHILD_KILL_MS} so that the kill reports first. */
export const CHILD_TEST_MS = 120_000;

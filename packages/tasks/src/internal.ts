/**
 * Internals that `@gentletask/primitives` shares with this package, so a
 * stop-aware wait is written once: not a public API, and not covered by
 * semver. Import it only from gentletask's own packages.
 *
 * @internal
 * @packageDocumentation
 */

export { Fifo } from "./core/fifo.js";
export { ParkedWait } from "./core/parked-wait.js";
export { untilStopped } from "./core/stop-wait.js";
export { isBuiltInTask } from "./core/task-node.js";
export { WaitLink, WaitList } from "./core/wait-list.js";
export { startWatching, stopWatching } from "./core/watched-waits.js";
export { forgetFinishCallback } from "./forget-finish-callback.js";
export { functionName } from "./function-name.js";
export { isStopOnly } from "./stopped.js";

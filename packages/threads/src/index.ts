export { DEFAULT_GRACE_MS, type SpawnThreadOptions, spawnThread } from "./spawn-thread.js";
export { ThreadCrashError, ThreadTerminated } from "./thread-errors.js";
export { isStopRequested } from "./thread-side-task.js";
export { type ThreadJobOptions, ThreadWorker, type ThreadWorkerOptions } from "./thread-worker.js";
export { withTransfer } from "./transfer.js";

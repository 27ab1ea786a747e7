/** Above 0 while the library itself stops a task, which is no caller awaiting it. */
let libraryStops = 0;

/**
 * Stops `task` for the library (a combinator, a relay, a timer, a failure
 * going up), not for the code running: no wait of the current task on its
 * exit is recorded or checked (see `checkStopWait`). Returns what
 * `task.stop` returned.
 */
export function stopForLibrary<R>(task: { stop(reason?: unknown): R }, reason: unknown): R {
  libraryStops += 1;
  try {
    return task.stop(reason);
  } finally {
    libraryStops -= 1;
  }
}

/** Whether the stop being asked for now comes from {@link stopForLibrary}. */
export function isLibraryStop(): boolean {
  return libraryStops > 0;
}

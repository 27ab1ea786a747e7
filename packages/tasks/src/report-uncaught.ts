/**
 * Reports `error` as an uncaught error without throwing here: on Node (and
 * Bun and Deno, which have `process.nextTick`) it is thrown from a fresh tick,
 * so `process` emits `uncaughtException` (and, with no listener, the process
 * ends, as for any uncaught throw); elsewhere `reportError` dispatches it to
 * the global `error` event. The caller's bookkeeping carries on either way.
 */
export function reportUncaught(error: unknown): void {
  const nodeProcess = (globalThis as { process?: { nextTick?: unknown } }).process;
  if (typeof nodeProcess?.nextTick === "function") {
    (nodeProcess.nextTick as (fn: () => void) => void)(() => {
      throw error;
    });
    return;
  }
  const reportError = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof reportError === "function") {
    reportError(error);
    return;
  }
  setTimeout(() => {
    throw error;
  }, 0);
}

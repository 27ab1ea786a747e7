/** The message template `raiseErrors` uses when none is given. */
export const DEFAULT_RAISE_TEMPLATE = 'task "{name}" failed: {error}';

/**
 * The error `raiseErrors` reports for a failed task: its message is the
 * template with `{name}` and `{error}` filled in, its `cause` the failure
 * (so `throughline.errorFrames` finds where it was raised), and `taskName`
 * names the task as plain data.
 */
export function raiseErrorsReport(template: string, taskName: string, error: unknown): Error {
  const message = template.replaceAll("{name}", taskName).replaceAll("{error}", errorText(error));
  const report = new Error(message, { cause: error });
  Object.defineProperty(report, "name", {
    value: "TaskFailedError",
    enumerable: false,
    writable: true,
    configurable: true,
  });
  (report as Error & { taskName: string }).taskName = taskName;
  return report;
}

function errorText(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${error.message}`;
    return String(error);
  } catch {
    return "(unprintable error)";
  }
}

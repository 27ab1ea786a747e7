import { isStopOnly } from "@gentletask/tasks/internal";

/**
 * The error a group fails with when pieces failed after it had decided
 * (their cleanup threw while they were being stopped): the decision's own
 * error first unless it only says "stopped", then the late ones; one alone
 * as itself, several in an `AggregateError`.
 */
export function withLateFailures(
  name: string,
  decided: { ok: true } | { ok: false; error: unknown },
  late: readonly unknown[],
): unknown {
  const failures = decided.ok || isStopOnly(decided.error) ? late : [decided.error, ...late];
  return failures.length === 1
    ? failures[0]
    : new AggregateError(failures, `${name}: ${failures.length} tasks failed`);
}

/**
 * The name a task takes from the function it runs: `fn.name` when it is a
 * non-empty string, else `fallback`. Never throws: a revoked `Proxy` or a
 * throwing `name` getter gives `fallback` (the body, when called, fails the
 * task as it would anyway).
 */
export function functionName(fn: unknown, fallback: string): string {
  let own: unknown;
  try {
    own = (fn as { name?: unknown }).name;
  } catch {
    return fallback;
  }
  return typeof own === "string" && own !== "" ? own : fallback;
}

import { throughline } from "@gentletask/semantic-stack";

/** Runs `fn` inside nested throughline frames named `names`, outermost first. */
export function within<T>(names: readonly string[], fn: () => T): T {
  const [first, ...rest] = names;
  if (first === undefined) return fn();
  return throughline.run({ name: first }, () => within(rest, fn));
}

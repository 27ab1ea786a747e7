import { throughline } from "@gentletask/semantic-stack";

/** Runs `fn` inside one throughline frame per name, outermost first (what tasks do underneath). */
export function nest<T>(names: readonly unknown[], fn: () => T): T {
  const [first, ...rest] = names;
  if (names.length === 0) return fn();
  return throughline.run({ name: first }, () => nest(rest, fn));
}

import { throughline } from "@gentletask/semantic-stack";

const isString = (name: unknown): name is string => typeof name === "string";

function allStrings(names: unknown[]): boolean {
  for (let i = 0; i < names.length; i++) if (typeof names[i] !== "string") return false;
  return true;
}

/**
 * Keeps the string names of `names` (frames may carry any value under
 * `name`; a log line wants text). Returns `names` itself when every entry is
 * already a string, which is the usual case, so no second array is built.
 * The check is a loop of its own and the filter's predicate a module-level
 * function: written inline with a closure it cost a line ~10 ns more.
 */
function stringsOnly(names: unknown[]): string[] {
  return allStrings(names) ? (names as string[]) : names.filter(isString);
}

/** The current throughline's names, outermost first (a fresh array). */
export function currentChain(): string[] {
  return stringsOnly(throughline.collect("name"));
}

/**
 * The names active where `error` was raised (see `throughline.errorFrames`),
 * or `undefined` when it remembers no raise site.
 */
export function raiseSiteChain(error: unknown): string[] | undefined {
  // `errorFrames` walks the `cause` chain with a fresh Set; skip it for values
  // that cannot carry a raise site at all.
  if ((typeof error !== "object" || error === null) && typeof error !== "function") {
    return undefined;
  }
  const frames = throughline.errorFrames(error);
  if (frames === undefined) return undefined;
  const names: string[] = [];
  for (const frame of frames) {
    if (typeof frame.name === "string") names.push(frame.name);
  }
  return names;
}

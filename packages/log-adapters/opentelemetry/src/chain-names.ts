import { throughline } from "@gentletask/semantic-stack";

/**
 * A throughline name as text. Names are strings by convention, but a frame
 * may carry any value; an attribute or header needs a string, and reading one
 * must never throw inside `startSpan` or `inject`, whatever `toString` does.
 */
export function nameText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return String(value);
  } catch {
    return "[unprintable name]";
  }
}

/** The current throughline's names as strings, outermost first (a fresh array). */
export function currentNames(): string[] {
  const names = throughline.collect("name");
  for (let i = 0; i < names.length; i++) {
    if (typeof names[i] !== "string") names[i] = nameText(names[i]);
  }
  return names as string[];
}

import { reportUncaught } from "./report-uncaught.js";

/**
 * A task's stop callbacks, stored without allocating for the common cases:
 * none (`undefined`), one (the function itself), or a `Set` of several.
 * Adding the same function twice registers it once.
 */
export type StopCallbacks = undefined | (() => void) | Set<() => void>;

export function addCallback(slot: StopCallbacks, fn: () => void): StopCallbacks {
  if (slot === undefined) return fn;
  if (typeof slot === "function") return slot === fn ? slot : new Set([slot, fn]);
  slot.add(fn);
  return slot;
}

export function removeCallback(slot: StopCallbacks, fn: () => void): StopCallbacks {
  if (slot === fn) return undefined;
  if (slot instanceof Set) {
    slot.delete(fn);
    if (slot.size === 0) return undefined;
  }
  return slot;
}

/** Calls every callback once; one that throws is reported and the rest still run. */
export function fireCallbacks(slot: StopCallbacks): void {
  if (slot === undefined) return;
  if (typeof slot === "function") {
    callReported(slot);
    return;
  }
  for (const fn of slot) callReported(fn);
}

export function callReported(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    reportUncaught(error);
  }
}

import { AsyncLocalStorage } from "node:async_hooks";
import type { FrameNode } from "./frame-node.js";

/**
 * Where one stack keeps its frames: the async-local innermost node, and the
 * node each escaped error was raised under.
 */
export interface StackStorage {
  readonly als: AsyncLocalStorage<FrameNode | undefined>;
  readonly raiseSites: WeakMap<object, FrameNode>;
}

export function createStorage(): StackStorage {
  return Object.freeze({
    als: new AsyncLocalStorage<FrameNode | undefined>(),
    raiseSites: new WeakMap<object, FrameNode>(),
  });
}

/**
 * Records where `error` escaped, unless it already remembers a raise site.
 * Non-object throws are passed through untouched.
 */
export function rememberRaiseSite(
  storage: StackStorage,
  error: unknown,
  node: FrameNode | undefined,
): void {
  if (node === undefined) return;
  if ((typeof error !== "object" || error === null) && typeof error !== "function") return;
  if (!storage.raiseSites.has(error)) storage.raiseSites.set(error, node);
}

/** The raise site of `error`, or of the first error along its `cause` chain that has one. */
export function findRaiseSite(storage: StackStorage, error: unknown): FrameNode | undefined {
  const seen = new Set<unknown>();
  let current = error;
  // A hostile `cause` getter or a cycle must not break a logger asking this.
  try {
    while (
      ((typeof current === "object" && current !== null) || typeof current === "function") &&
      !seen.has(current)
    ) {
      const node = storage.raiseSites.get(current);
      if (node !== undefined) return node;
      seen.add(current);
      current = (current as { cause?: unknown }).cause;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

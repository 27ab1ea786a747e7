import { typeError } from "./argument-errors.js";
import { type FrameNode, framesOf } from "./frame-node.js";
import type { StackStorage } from "./storage.js";

/**
 * Where a snapshot keeps what it captured. A `Symbol.for` key, so that a
 * snapshot made by one copy of this package can be restored by another
 * without losing anything.
 */
export const SNAPSHOT_STATE = Symbol.for("gentletask.semantic-stack.v1.snapshot");

export interface SnapshotState {
  readonly storage: StackStorage;
  readonly node: FrameNode | undefined;
}

/**
 * The frames of a {@link SemanticStack} at one moment, as pure data.
 *
 * `frames()` of a snapshot whose values are plain data survives
 * `structuredClone` and `JSON.stringify`, so it can cross to a worker thread
 * or another process and be installed there with `stack.restore(frames, fn)`.
 *
 * @example
 * ```ts
 * const snap = throughline.run({ name: "request" }, () => throughline.snapshot());
 * snap.run(() => throughline.collect("name")); // ["request"]
 * ```
 */
export class SemanticSnapshot {
  /** @internal */
  declare readonly [SNAPSHOT_STATE]: SnapshotState;

  /** @internal Snapshots come from {@link SemanticStack.snapshot}. */
  constructor(state: SnapshotState) {
    Object.defineProperty(this, SNAPSHOT_STATE, { value: state, enumerable: false });
  }

  /** Fresh copies of the captured frames, outermost first. */
  frames(): Record<string, unknown>[] {
    return framesOf(this[SNAPSHOT_STATE].node);
  }

  /**
   * Runs `fn` with the captured frames installed instead of (not on top of)
   * the current ones, and returns what `fn` returns.
   */
  run<T>(fn: () => T): T {
    if (typeof fn !== "function") typeError("SemanticSnapshot.run", "fn", "a function", fn);
    const { storage, node } = this[SNAPSHOT_STATE];
    return storage.als.run(node, fn);
  }
}

/** The state behind a snapshot from any copy of this package, if `value` is one. */
export function snapshotState(value: unknown): SnapshotState | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as { [SNAPSHOT_STATE]?: SnapshotState })[SNAPSHOT_STATE];
}

/**
 * One pushed frame, linked to the frames outside it. Frames share structure:
 * a push allocates one node and never copies the stack, and arrays are built
 * only when someone reads them.
 *
 * The shape is part of the process-wide contract between copies of this
 * package (see `registry.ts`): change it only with a new registry version.
 */
export interface FrameNode {
  /** A null-prototype copy of the frame; never handed out, never mutated. */
  readonly frame: Readonly<Record<string, unknown>>;
  readonly parent: FrameNode | undefined;
  readonly depth: number;
  /** The task running at this point of the throughline, if any. */
  readonly task: object | undefined;
  /** Whether stop-aware waits here ignore the task's stop (inside `shield`). */
  readonly shielded: boolean;
}

/** A frame's stored form: own enumerable keys only, no prototype to reach. */
export function copyFrame(frame: object): Readonly<Record<string, unknown>> {
  return { __proto__: null, ...frame } as unknown as Record<string, unknown>;
}

export function pushNode(
  parent: FrameNode | undefined,
  frame: Readonly<Record<string, unknown>>,
  task: object | undefined,
  shielded: boolean,
): FrameNode {
  return { frame, parent, depth: parent === undefined ? 1 : parent.depth + 1, task, shielded };
}

/** Fresh copies of the frames, outermost first. */
export function framesOf(node: FrameNode | undefined): Record<string, unknown>[] {
  const frames: Record<string, unknown>[] = new Array(node === undefined ? 0 : node.depth);
  for (let current = node; current !== undefined; current = current.parent) {
    frames[current.depth - 1] = { ...current.frame };
  }
  return frames;
}

/** Builds a chain from plain frames, validating each; `task` marks every node. */
export function chainOf(
  frames: Iterable<unknown>,
  where: string,
  task: object | undefined,
): FrameNode | undefined {
  let node: FrameNode | undefined;
  for (const frame of frames) {
    if (typeof frame !== "object" || frame === null || Array.isArray(frame)) {
      throw new TypeError(
        `${where}: expected every frame to be an object, got ${frame === null ? "null" : Array.isArray(frame) ? "an array" : typeof frame}`,
      );
    }
    node = pushNode(node, copyFrame(frame), task, false);
  }
  return node;
}

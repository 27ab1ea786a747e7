/**
 * One pushed frame, linked to the frames outside it. Frames share structure:
 * a push allocates one node and never copies the stack, and arrays are built
 * only when someone reads them.
 *
 * The shape is part of the process-wide contract between copies of this
 * package (see `registry.ts`): change it only with a new registry version.
 */
export interface FrameNode {
  /** A copy of the frame's own enumerable keys; never handed out, never mutated. */
  readonly frame: Readonly<Record<string, unknown>>;
  readonly parent: FrameNode | undefined;
  readonly depth: number;
  /** The task running at this point of the throughline, if any. */
  readonly task: object | undefined;
  /** Whether stop-aware waits here ignore the task's stop (inside `shield`). */
  readonly shielded: boolean;
}

/**
 * A frame's stored form: its own enumerable keys, copied as data (a key named
 * `__proto__` becomes an own property, never a prototype). A plain object
 * rather than a null-prototype one, because V8 keeps those in slow
 * dictionary mode; readers look keys up with `ownKeyReader`.
 */
export function copyFrame(frame: object): Readonly<Record<string, unknown>> {
  return { ...frame } as Record<string, unknown>;
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
  // An anchor (depth 0, see `chainOf`) holds no frame.
  for (let current = node; current !== undefined && current.depth > 0; current = current.parent) {
    frames[current.depth - 1] = { ...current.frame };
  }
  return frames;
}

/** The frame of an anchor: no keys, so no lookup ever finds one in it. */
const NO_FRAME: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * Builds a chain from plain frames, validating each. Every node keeps the
 * task record of `current`: installing names does not change which task is
 * running. With no frames and a running task (or a shield), the chain is an
 * anchor, a node of depth 0 with an empty frame, so that the task is kept.
 */
export function chainOf(
  frames: Iterable<unknown>,
  where: string,
  current: FrameNode | undefined,
): FrameNode | undefined {
  const task = current?.task;
  const shielded = current?.shielded ?? false;
  let node: FrameNode | undefined;
  for (const frame of frames) {
    if (typeof frame !== "object" || frame === null || Array.isArray(frame)) {
      throw new TypeError(
        `${where}: expected every frame to be an object, got ${frame === null ? "null" : Array.isArray(frame) ? "an array" : typeof frame}`,
      );
    }
    node = pushNode(node, copyFrame(frame), task, shielded);
  }
  if (node === undefined && (task !== undefined || shielded)) {
    return { frame: NO_FRAME, parent: undefined, depth: 0, task, shielded };
  }
  return node;
}

// Key lookups: `key in frame` is several times faster than `Object.hasOwn` in
// V8, and exact whenever the key is not also found on `Object.prototype`
// (checked at call time, so a polluted prototype is caught too); only for
// such keys do we pay for `Object.hasOwn`.

/** Whether `frame` has `key` as its own key. */
export function hasKey(frame: Readonly<Record<string, unknown>>, key: string): boolean {
  return key in Object.prototype ? Object.hasOwn(frame, key) : key in frame;
}

/** The innermost node at or above `node` whose frame has `key`. */
export function findKey(node: FrameNode | undefined, key: string): FrameNode | undefined {
  if (key in Object.prototype) {
    for (; node !== undefined; node = node.parent) if (Object.hasOwn(node.frame, key)) return node;
  } else {
    for (; node !== undefined; node = node.parent) if (key in node.frame) return node;
  }
  return undefined;
}

/** Every value of `key` from `node` outward, returned outermost first. */
export function collectKey<T>(node: FrameNode | undefined, key: string): T[] {
  if (node === undefined) return [];
  // Fill from the back so no reverse is needed; trim the front if frames lacked the key.
  let free = node.depth;
  const values = new Array<T>(free);
  if (key in Object.prototype) {
    for (let at: FrameNode | undefined = node; at !== undefined; at = at.parent) {
      if (Object.hasOwn(at.frame, key)) values[--free] = at.frame[key] as T;
    }
  } else {
    for (let at: FrameNode | undefined = node; at !== undefined; at = at.parent) {
      if (key in at.frame) values[--free] = at.frame[key] as T;
    }
  }
  return free === 0 ? values : values.slice(free);
}

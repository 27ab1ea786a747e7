import { typeError } from "./argument-errors.js";
import {
  chainOf,
  collectKey,
  copyFrame,
  type FrameNode,
  findKey,
  framesOf,
  hasKey,
  pushNode,
} from "./frame-node.js";
import { SemanticSnapshot, snapshotState } from "./semantic-snapshot.js";
import { createStorage, findRaiseSite, rememberRaiseSite, type StackStorage } from "./storage.js";

/**
 * Options for a {@link SemanticStack}.
 *
 * @example
 * ```ts
 * const options: SemanticStackOptions<"tenant"> = { required: ["tenant"] };
 * const tenants = new SemanticStack<"tenant">("tenants", options);
 * tenants.run({ tenant: "acme", region: "eu" }, () => tenants.get("tenant")); // "acme"
 * ```
 */
export interface SemanticStackOptions<K extends string> {
  /** Keys every frame pushed with `run` must have. A floor, not a schema: extra keys are welcome. */
  readonly required?: readonly K[];
}

/**
 * A context-local stack of labelled frames that follows async work.
 *
 * A frame pushed with {@link SemanticStack.run} is seen by the callback and by
 * every promise, timer and callback started inside it, and by nothing
 * outside it. Frames are copied on entry and handed out as fresh objects, so
 * nothing a caller does to a frame, before or after, changes the stack.
 *
 * @typeParam K - the keys every frame must carry (see `required`).
 * @example
 * ```ts
 * const ctx = new SemanticStack("request");
 * ctx.run({ operation: "abc123", user: "alice" }, () =>
 *   ctx.run({ operation: "resize" }, () => {
 *     ctx.get("operation"); // "resize"
 *     ctx.get("user"); // "alice"
 *     ctx.collect("operation"); // ["abc123", "resize"]
 *   }),
 * );
 * ```
 */
export class SemanticStack<K extends string = never> {
  /** The stack's name, used in error messages. */
  readonly name: string;
  readonly #required: readonly string[];
  #storage: StackStorage | undefined;
  readonly #resolveStorage: (() => StackStorage) | undefined;

  /**
   * Creates an empty stack of its own, independent of the throughline.
   *
   * @param name - names the stack in error messages.
   * @param options - `required` lists the keys every frame must have.
   * @throws TypeError if `name` is not a string or `required` is not an array of strings.
   */
  constructor(name = "semantic-stack", options: SemanticStackOptions<K> = {}) {
    if (typeof name !== "string") typeError("new SemanticStack", "name", "a string", name);
    if (typeof options !== "object" || options === null) {
      typeError("new SemanticStack", "options", "an object", options);
    }
    const required = options.required ?? [];
    if (!Array.isArray(required) || required.some((key) => typeof key !== "string")) {
      typeError("new SemanticStack", "options.required", "an array of strings", required);
    }
    this.name = name;
    this.#required = Object.freeze([...required]);
    // The shared throughline passes a resolver (see `throughline.ts`): storage
    // is created on first use, never at import time.
    this.#resolveStorage = (options as { [STORAGE_RESOLVER]?: () => StackStorage })[
      STORAGE_RESOLVER
    ];
  }

  #store(): StackStorage {
    if (this.#storage === undefined) this.#storage = this.#resolveStorage?.() ?? createStorage();
    return this.#storage;
  }

  #node(): FrameNode | undefined {
    return this.#store().als.getStore();
  }

  /**
   * Pushes a copy of `frame` for the synchronous and asynchronous extent of
   * `fn`, and returns what `fn` returns (a promise stays a promise). An error
   * escaping `fn` remembers the frames active here (see {@link errorFrames}).
   *
   * A native promise comes back as a new promise that settles exactly as it
   * does: that is how a rejection learns its raise site while, left
   * unhandled, it is still reported as unhandled. Handle the promise `run`
   * returns, not the one `fn` made. Other values, thenables and `Promise`
   * subclasses come back as they are.
   *
   * @throws TypeError if `frame` is not an object, lacks a required key, or
   *   `fn` is not a function; nothing is pushed.
   */
  run<T>(frame: Record<string, unknown> & { [P in K]: unknown }, fn: () => T): T {
    if (typeof frame !== "object" || frame === null || Array.isArray(frame)) {
      typeError(`${this.name}.run`, "frame", "an object", frame);
    }
    if (typeof fn !== "function") typeError(`${this.name}.run`, "fn", "a function", fn);
    const copy = copyFrame(frame);
    const required = this.#required;
    for (let i = 0; i < required.length; i++) {
      if (!hasKey(copy, required[i] as string)) this.#missing(copy);
    }
    const storage = this.#store();
    const parent = storage.als.getStore();
    const node = pushNode(parent, copy, parent?.task, parent?.shielded ?? false);
    return runAt(storage, node, fn);
  }

  #missing(copy: Readonly<Record<string, unknown>>): never {
    const missing = this.#required.filter((key) => !Object.hasOwn(copy, key));
    throw new TypeError(
      `${this.name}.run: frame is missing required key${missing.length > 1 ? "s" : ""} ${missing
        .map((key) => JSON.stringify(key))
        .join(
          ", ",
        )} (stack "${this.name}" requires ${this.#required.map((key) => JSON.stringify(key)).join(", ")})`,
    );
  }

  /**
   * The value of `key` in the innermost frame that has it, else `fallback`.
   * @throws TypeError if `key` is not a string.
   */
  get<T = unknown>(key: string): T | undefined;
  get<T>(key: string, fallback: T): T;
  get<T>(key: string, fallback?: T): T | undefined {
    if (typeof key !== "string") typeError(`${this.name}.get`, "key", "a string", key);
    const node = findKey(this.#node(), key);
    return node === undefined ? fallback : (node.frame[key] as T);
  }

  /**
   * Every value of `key`, outermost first, skipping frames without it.
   * @throws TypeError if `key` is not a string.
   */
  collect<T = unknown>(key: string): T[] {
    if (typeof key !== "string") typeError(`${this.name}.collect`, "key", "a string", key);
    return collectKey<T>(this.#node(), key);
  }

  /**
   * Calls `fn` with a fresh copy of each frame, outermost first, and returns the results.
   * @throws TypeError if `fn` is not a function.
   */
  walk<U>(fn: (frame: Record<string, unknown>) => U): U[] {
    if (typeof fn !== "function") typeError(`${this.name}.walk`, "fn", "a function", fn);
    return framesOf(this.#node()).map((frame) => fn(frame));
  }

  /** Fresh copies of the current frames, outermost first. */
  frames(): Record<string, unknown>[] {
    return framesOf(this.#node());
  }

  /** How many frames are pushed here. */
  get depth(): number {
    return this.#node()?.depth ?? 0;
  }

  /** Captures the current frames; see {@link SemanticSnapshot}. */
  snapshot(): SemanticSnapshot {
    const storage = this.#store();
    return new SemanticSnapshot({ storage, node: storage.als.getStore() });
  }

  /**
   * Runs `fn` with the given frames installed instead of (not on top of) the
   * current ones. `from` is a snapshot or plain frames (for example a
   * snapshot's `frames()` that crossed a worker boundary); `required` is not
   * checked. A snapshot of this stack brings back the task that was running
   * when it was taken; plain frames (none at all, too) and another stack's
   * snapshot leave the running task as it is.
   *
   * @throws TypeError if `from` is neither, a frame is not an object, or `fn` is not a function.
   */
  restore<T>(from: SemanticSnapshot | Iterable<Record<string, unknown>>, fn: () => T): T {
    const where = `${this.name}.restore`;
    if (typeof fn !== "function") typeError(where, "fn", "a function", fn);
    const storage = this.#store();
    const state = snapshotState(from);
    let node: FrameNode | undefined;
    if (state !== undefined) {
      node =
        state.storage === storage
          ? state.node
          : chainOf(framesOf(state.node), where, storage.als.getStore());
    } else if (
      typeof from === "object" &&
      from !== null &&
      typeof (from as Iterable<unknown>)[Symbol.iterator] === "function"
    ) {
      node = chainOf(from as Iterable<unknown>, where, storage.als.getStore());
    } else {
      typeError(where, "from", "a SemanticSnapshot or an iterable of frames", from);
    }
    return storage.als.run(node, fn);
  }

  /**
   * Returns a function that runs `fn` with the frames current now, wherever
   * it is called from later: for event emitters and callback APIs that lose
   * async context. `this` and arguments pass through.
   *
   * @throws TypeError if `fn` is not a function.
   */
  // biome-ignore lint/suspicious/noExplicitAny: `unknown` parameters would reject every typed function.
  bind<F extends (...args: any[]) => any>(fn: F): F {
    if (typeof fn !== "function") typeError(`${this.name}.bind`, "fn", "a function", fn);
    const storage = this.#store();
    const node = storage.als.getStore();
    return function (this: unknown, ...args: unknown[]) {
      return storage.als.run(node, () => fn.apply(this, args));
    } as F;
  }

  /**
   * The frames that were active where `error` escaped the innermost `run`
   * block, following `error.cause` when the error itself has none; or
   * `undefined`. Fresh copies, outermost first.
   */
  errorFrames(error: unknown): Record<string, unknown>[] | undefined {
    const node = findRaiseSite(this.#store(), error);
    return node === undefined ? undefined : framesOf(node);
  }
}

/**
 * Runs `fn` with `node` innermost. A synchronous throw or a rejection of the
 * returned native promise remembers `node` as the error's raise site.
 */
export function runAt<T>(storage: StackStorage, node: FrameNode, fn: () => T): T {
  let result: T;
  try {
    result = storage.als.run(node, fn);
  } catch (error) {
    rememberRaiseSite(storage, error, node);
    throw error;
  }
  // Only a plain native promise: a subclass's `then` builds its own kind of
  // promise, whose constructor may not be callable like Promise's.
  if (result instanceof Promise && result.constructor === Promise) {
    return result.then(undefined, (error: unknown) => {
      rememberRaiseSite(storage, error, node);
      throw error;
    }) as T;
  }
  return result;
}

/** @internal How the shared throughline hands its storage resolver to the constructor. */
export const STORAGE_RESOLVER = Symbol("storage resolver");

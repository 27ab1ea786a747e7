// The hand-rolled floors every row is held against: what a careful programmer
// writes with nothing but the platform.
import { AsyncLocalStorage } from "node:async_hooks";

// ---- the token floor: a stop flag, a callback list, a parent's Set; no ALS --
/** The least a stoppable task can be: no context, no signal, no names. */
export class Token {
  children = undefined;
  stopped = false;
  callbacks = undefined;
  constructor(parent) {
    this.parent = parent;
    if (parent === undefined) return;
    if (parent.children === undefined) parent.children = new Set();
    parent.children.add(this);
  }
  onStop(callback) {
    if (this.callbacks === undefined) this.callbacks = [];
    this.callbacks.push(callback);
  }
  stop() {
    // A work list, not recursion: a deep chain must not overflow the stack.
    const work = [this];
    while (work.length > 0) {
      const token = work.pop();
      if (token.stopped) continue;
      token.stopped = true;
      if (token.callbacks !== undefined) for (const callback of token.callbacks) callback();
      if (token.children !== undefined) for (const child of token.children) work.push(child);
    }
  }
}

/** Runs `body(token)` as a child of `parent`; the token leaves the Set when the body ends. */
export async function tokenRun(parent, body) {
  const token = new Token(parent);
  try {
    return await body(token);
  } finally {
    parent?.children.delete(token);
  }
}

// One shared error: the floor pays nothing to describe a stop.
const TOKEN_STOPPED = new Error("stopped");
/** A wait that rejects once `token` is stopped (at once if it already is). */
export function tokenWait(token) {
  return new Promise((_resolve, reject) => {
    if (token.stopped) reject(TOKEN_STOPPED);
    else token.onStop(() => reject(TOKEN_STOPPED));
  });
}

// ---- the platform floor: async function + AbortController + AsyncLocalStorage
const current = new AsyncLocalStorage();

/** A task as the platform spells it: an AbortController, its children, and itself on an ALS. */
export class AbortTask {
  controller = new AbortController();
  children = undefined;
  constructor(parent) {
    this.parent = parent;
    if (parent === undefined) return;
    if (parent.children === undefined) parent.children = new Set();
    parent.children.add(this);
  }
  stop(reason = new Error("stopped")) {
    const work = [this];
    while (work.length > 0) {
      const task = work.pop();
      if (task.controller.signal.aborted) continue;
      task.controller.abort(reason);
      if (task.children !== undefined) for (const child of task.children) work.push(child);
    }
  }
}

/** Runs `body(task)` with the task on the AsyncLocalStorage, as a child of the current task. */
export async function abortRun(body, parent = current.getStore()) {
  const task = new AbortTask(parent);
  try {
    return await current.run(task, body, task);
  } finally {
    parent?.children.delete(task);
  }
}

/** The task `abortRun` made current, if any. */
export function currentAbortTask() {
  return current.getStore();
}

/** A wait that rejects with the signal's reason once it aborts. */
export function abortWait(signal) {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

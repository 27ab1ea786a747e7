import type { TaskNode } from "./task-node.js";

function noop(): void {}

/**
 * The one promise of a task's result that every plain waiter (outside any
 * task, no deadline) shares. Made only when someone first waits, so a task
 * nobody awaits allocates none; settled with the task.
 */
export function sharedResult(node: TaskNode): Promise<unknown> {
  if (node.deferred === undefined) {
    let resolve!: (value: unknown) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    node.deferred = { promise, resolve, reject };
  }
  return node.deferred.promise;
}

/** Settles the shared promise, if anyone made it. */
export function settleSharedResult(node: TaskNode, ok: boolean, value: unknown): void {
  const deferred = node.deferred;
  if (deferred === undefined) return;
  if (ok) deferred.resolve(value);
  else deferred.reject(value);
}

/** A rejected promise that never counts as unhandled on its own. */
export function quietRejection(error: unknown): Promise<never> {
  const promise = Promise.reject(error);
  promise.catch(noop);
  return promise;
}

/** Marks `promise` handled (a wait's promise the caller may drop), and returns it. */
export function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(noop);
  return promise;
}

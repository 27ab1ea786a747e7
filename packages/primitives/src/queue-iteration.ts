import { QueueShutDown } from "./queue-errors.js";

/** One item read by `for await`, as the iterator protocol wants it. */
export function toResult<T>(value: T): IteratorResult<T> {
  return { done: false, value };
}

/** Ends a `for await` loop normally once the queue is shut down and empty; other errors go on. */
export function endIfShutDown<T>(error: unknown): IteratorResult<T> {
  if (error instanceof QueueShutDown) return { done: true, value: undefined };
  throw error;
}

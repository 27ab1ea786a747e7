import type { IncomingMessage } from "node:http";
import { throughline } from "@gentletask/semantic-stack";
import {
  checkFunction,
  readKnownOptions,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { currentTask } from "@gentletask/tasks";
import {
  type RequestErrorHandler,
  type RequestListener,
  type RequestTaskSettings,
  reportRequestFailure,
  runRequestTask,
} from "./request-task.js";

/**
 * Options for {@link requestTasks} (and `createServer`).
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { requestTasks } from "@gentletask/http";
 *
 * const listener = requestTasks((request, response) => response.end("ok\n"), {
 *   // One task name per route, not per id: "GET /jobs/:id".
 *   name: (request) => `${request.method} ${request.url?.replace(/\/\d+/g, "/:id")}`,
 *   onError: (error, request) => console.error(request.url, error),
 * });
 * const server = createServer(listener);
 * ```
 */
export interface RequestTaskOptions {
  /**
   * Names a request's task (its frame on the throughline); default
   * {@link requestName}: `"GET /jobs/42"`. What it returns is made safe as
   * `requestName`'s are (bounded, no control characters); if it throws,
   * the request fails with that error.
   */
  readonly name?: (request: IncomingMessage) => string;
  /**
   * Called, inside the request's task, with a failure of the handler (not a
   * stop); the response then gets a 500 if the handler left it unanswered.
   * Default: the error, with the task chain it was raised in, on standard
   * error. Handled here, a failure does not go up to the task that set up
   * the server: one bad request does not stop a service.
   */
  readonly onError?: RequestErrorHandler;
}

const KNOWN = ["name", "onError"] as const;

/** Checks the options {@link requestTasks} and {@link createServer} share. */
export function requestTaskSettings(
  where: string,
  given: Partial<Record<(typeof KNOWN)[number], unknown>>,
): RequestTaskSettings {
  const { name, onError } = given;
  if (name !== undefined && typeof name !== "function") {
    typeError(where, "options.name", "a function", name);
  }
  if (onError !== undefined && typeof onError !== "function") {
    typeError(where, "options.onError", "a function", onError);
  }
  return {
    where,
    name: name as RequestTaskSettings["name"],
    onError: (onError as RequestErrorHandler | undefined) ?? reportRequestFailure,
  };
}

/**
 * Wraps a `node:http` request listener (an Express app is one) so that each
 * request runs as a task: a child of the task that called `requestTasks`
 * (it is captured now, wherever the server later calls the listener from),
 * named from the request (`"GET /jobs/42"`), so the request's throughline,
 * logs and `currentTask()` all say which request this is.
 *
 * - When the connection closes before the response has ended (the client
 *   went away), the task is stopped with the reason `"client disconnected"`:
 *   its stop-aware waits reject, its `signal` aborts, its `finally` runs.
 * - The task lasts until the response has closed, so a handler that answers
 *   from callbacks keeps its context and its children.
 * - A response the handler left unfinished is ended on the way out: 503
 *   when the task was stopped, 500 when the handler failed (see `onError`),
 *   or the connection cut once headers were sent.
 *
 * For a server that also takes part in `main()`'s shutdown, use
 * {@link createServer}.
 *
 * @throws TypeError if `listener` is not a function or an option is wrong.
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { taskChain } from "@gentletask/tasks";
 *
 * const server = createServer(
 *   requestTasks((request, response) => {
 *     response.end(JSON.stringify(taskChain())); // [..., "GET /jobs/42"]
 *   }),
 * );
 * ```
 */
export function requestTasks(
  listener: RequestListener,
  options?: RequestTaskOptions,
): RequestListener {
  checkFunction("requestTasks", "listener", listener);
  const settings = requestTaskSettings(
    "requestTasks",
    readKnownOptions("requestTasks", options, KNOWN),
  );
  return inCreatorContext((request: IncomingMessage, response) => {
    runRequestTask(listener, request, response, settings);
  });
}

/**
 * Wraps `handle` to run in the async context it is wrapped in (its task and
 * throughline), wherever it is called from. The common case, a server that
 * calls it from that same context already (it was created and listens in
 * the same task), skips re-entering it, which costs a context switch a
 * request.
 */
export function inCreatorContext(handle: RequestListener): RequestListener {
  const owner = currentTask();
  const depth = throughline.depth;
  const bound = throughline.bind(handle);
  return (request, response) =>
    currentTask() === owner && throughline.depth === depth
      ? handle(request, response)
      : bound(request, response);
}

export { KNOWN as REQUEST_TASK_OPTION_KEYS };

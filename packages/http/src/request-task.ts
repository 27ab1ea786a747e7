import type { IncomingMessage, ServerResponse } from "node:http";
import { stoppable } from "@gentletask/primitives";
import { throughline } from "@gentletask/semantic-stack";
import { isThenable } from "@gentletask/semantic-stack/argument-errors";
import { currentTask, spawn, type Task, taskChain } from "@gentletask/tasks";
import { isStopOnly } from "@gentletask/tasks/internal";
import { requestName, safeName } from "./request-name.js";

/**
 * A `node:http` request listener, as `http.createServer` takes it (an
 * Express app is one); it may return a promise.
 *
 * @example
 * ```ts
 * import { readFile } from "node:fs/promises";
 * import type { RequestListener } from "@gentletask/http";
 *
 * const listener: RequestListener = async (request, response) => {
 *   response.end(await readFile(new URL(`./public${request.url}`, import.meta.url)));
 * };
 * ```
 */
export type RequestListener = (request: IncomingMessage, response: ServerResponse) => unknown;

/**
 * What a request handler's failure is handed to, inside the request's task;
 * see `RequestTaskOptions.onError`.
 *
 * @example
 * ```ts
 * import type { RequestErrorHandler } from "@gentletask/http";
 * import { pino } from "pino";
 *
 * const logger = pino();
 * const onError: RequestErrorHandler = (error, request) => {
 *   logger.error({ err: error, url: request.url }, "request failed");
 * };
 * ```
 */
export type RequestErrorHandler = (
  error: unknown,
  request: IncomingMessage,
  response: ServerResponse,
) => void;

/**
 * The reason a request's task is stopped with when its client goes away
 * before the response has ended: `"client disconnected"`.
 *
 * @example
 * ```ts
 * import { CLIENT_DISCONNECTED, createServer } from "@gentletask/http";
 * import { sleep } from "@gentletask/primitives";
 * import { currentTask } from "@gentletask/tasks";
 *
 * createServer(async (request, response) => {
 *   try {
 *     await sleep(5_000);
 *     response.end("done");
 *   } finally {
 *     if (currentTask()?.stopReason === CLIENT_DISCONNECTED) console.log("client left");
 *   }
 * });
 * ```
 */
export const CLIENT_DISCONNECTED = "client disconnected";

/** How each request's task is made; the parts {@link requestTasks} and {@link createServer} share. */
export interface RequestTaskSettings {
  /** The entry point that made these settings, for the messages of errors they lead to. */
  readonly where: string;
  readonly name: ((request: IncomingMessage) => string) | undefined;
  readonly onError: RequestErrorHandler;
}

/**
 * Runs `listener` for one request as a task of the current context, named
 * from the request; returns the task. The task lives until the response
 * has closed (so work a handler starts from callbacks stays its child), is
 * stopped with {@link CLIENT_DISCONNECTED} when the connection closes first,
 * and on its way out ends a response the handler left unfinished.
 */
export function runRequestTask(
  listener: RequestListener,
  request: IncomingMessage,
  response: ServerResponse,
  settings: RequestTaskSettings,
  onClosed?: () => void,
): Task {
  let failedToName: unknown;
  let name: string;
  if (settings.name === undefined) name = requestName(request);
  else {
    try {
      const chosen = settings.name(request);
      if (typeof chosen !== "string") {
        throw new TypeError(
          `${settings.where}: \`options.name\` returned ${typeof chosen}, not a string`,
        );
      }
      name = safeName(chosen);
    } catch (error) {
      // Named the default way, the request fails with the naming error.
      failedToName = error;
      name = requestName(request);
    }
  }
  let closed = false;
  let onClose: (() => void) | undefined;
  const responseClosed = () =>
    new Promise<void>((resolve) => {
      if (closed) resolve();
      else onClose = resolve;
    });
  const body = () => {
    // The common case stays synchronous: a listener that answered before
    // returning costs no extra turn of the event loop.
    let result: unknown;
    try {
      if (failedToName !== undefined) throw failedToName;
      result = listener(request, response);
    } catch (error) {
      return failed(error, request, response, settings);
    }
    if (response.writableEnded && !isThenable(result)) return undefined;
    return settleLater(result, request, response, settings, responseClosed);
  };
  const task = spawn(body, { name });
  response.on("close", () => {
    closed = true;
    onClose?.();
    if (!response.writableFinished) task.stop(CLIENT_DISCONNECTED);
    onClosed?.();
  });
  return task;
}

/** The rest of a request whose listener returned a promise or has not answered yet. */
async function settleLater(
  result: unknown,
  request: IncomingMessage,
  response: ServerResponse,
  settings: RequestTaskSettings,
  responseClosed: () => Promise<void>,
): Promise<void> {
  try {
    await result;
    // A handler may answer later from callbacks: the request is in flight,
    // and its context alive, until the response has closed.
    if (!response.writableEnded) await stoppable(responseClosed());
  } catch (error) {
    if (isStopOnly(error) && (currentTask() as Task).isStopped) {
      // A stop, or the AbortError a `fetch` or stream rejected with because of it: not a failure.
      endUnfinished(response, true);
      throw error;
    }
    failed(error, request, response, settings);
    return;
  }
  endUnfinished(response, (currentTask() as Task).isStopped);
}

/** A handler's failure: `onError` sees it inside the request's task, the client gets a 500. */
function failed(
  error: unknown,
  request: IncomingMessage,
  response: ServerResponse,
  settings: RequestTaskSettings,
): void {
  try {
    settings.onError(error, request, response);
  } finally {
    endUnfinished(response, (currentTask() as Task).isStopped);
  }
}

/**
 * Ends a response its handler left unfinished: with a 503 when the request
 * was stopped (by a shutdown, say), a 500 when it failed, or, once headers
 * are out, by cutting the connection, so that no client waits for ever.
 */
function endUnfinished(response: ServerResponse, stopped: boolean): void {
  if (response.writableEnded || response.destroyed) return;
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (stopped) answerAndClose(response, 503, "Service Unavailable\n");
  else answerAndClose(response, 500, "Internal Server Error\n");
}

/** Ends `response` with `status` and a plain-text `text`, closing the connection after it. */
export function answerAndClose(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader("connection", "close");
  response.setHeader("content-type", "text/plain; charset=utf-8");
  response.end(text);
}

/**
 * The default {@link RequestErrorHandler}: the error, with the task chain
 * where it was raised, on standard error; the response then gets a 500.
 */
export function reportRequestFailure(error: unknown, request: IncomingMessage): void {
  // Called inside the request's task: its chain stands in where the error has none.
  const frames = throughline.errorFrames(error)?.map((frame) => frame.name) ?? taskChain();
  const chain = ` in ${JSON.stringify(frames)}`;
  let detail: string;
  try {
    detail = error instanceof Error ? (error.stack ?? String(error)) : String(error);
  } catch {
    detail = "(an error that cannot be printed)";
  }
  process.stderr.write(
    `@gentletask/http: ${JSON.stringify(requestName(request))} failed${chain}:\n${detail}\n`,
  );
}

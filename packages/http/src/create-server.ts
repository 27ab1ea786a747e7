import {
  createServer as createNodeServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from "node:http";
import { throughline } from "@gentletask/semantic-stack";
import {
  checkFunction,
  readKnownOptions,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { currentTask, onShutdown, type Task } from "@gentletask/tasks";
import {
  answerAndClose,
  type RequestListener,
  type RequestTaskSettings,
  runRequestTask,
} from "./request-task.js";
import {
  inCreatorContext,
  REQUEST_TASK_OPTION_KEYS,
  type RequestTaskOptions,
  requestTaskSettings,
} from "./request-tasks.js";

/**
 * Options for {@link createServer}: those of `requestTasks`, and the
 * options of `node:http`'s own `createServer`.
 *
 * @example
 * ```ts
 * import { createServer } from "@gentletask/http";
 *
 * const server = createServer((request, response) => response.end("hello\n"), {
 *   serverOptions: { keepAliveTimeout: 65_000 },
 * });
 * ```
 */
export interface CreateServerOptions extends RequestTaskOptions {
  /** Passed on to `node:http`'s `createServer` (timeouts, `keepAliveTimeout`, header limits...). */
  readonly serverOptions?: ServerOptions;
}

const KNOWN = [...REQUEST_TASK_OPTION_KEYS, "serverOptions"] as const;

/**
 * `node:http`'s `createServer`, with each request run as a task (as
 * {@link requestTasks} does: a child of the task that called
 * `createServer`, named `"GET /jobs/42"`, stopped with `"client
 * disconnected"` when its client goes away) and a server that takes part
 * in `main()`'s shutdown:
 *
 * 1. At the first SIGINT/SIGTERM (a shutdown hook, registered while the
 *    server listens) it stops accepting connections, closes idle keep-alive
 *    connections, answers a request that still arrives on an open
 *    connection with 503 and `Connection: close`, and gives the responses
 *    in flight `Connection: close`.
 * 2. In-flight requests may finish by themselves while `main()` drains (up
 *    to its `drainMs`); the hook's promise settles once none is left.
 * 3. When the task that created the server is stopped, the requests, its
 *    children, are stopped with it (a request never answered gets 503), and
 *    once they have all ended every connection left is closed.
 *
 * Stopping the creating task without `main()` does the same at once. Works
 * for a bare listener, an Express app (`createServer(app)`) and Fastify
 * (`serverFactory: (handler) => createServer(handler)`).
 *
 * @throws TypeError if `listener` is not a function or an option is wrong.
 * @example
 * ```ts
 * import { createServer } from "@gentletask/http";
 * import { sleep } from "@gentletask/primitives";
 * import { main } from "@gentletask/tasks";
 *
 * await main(async function service() {
 *   const server = createServer((request, response) => {
 *     response.end("hello\n");
 *   });
 *   server.listen(8080, "127.0.0.1");
 *   await sleep(Infinity); // until SIGINT or SIGTERM; main then drains and stops
 * }, { drainMs: 5_000 });
 * ```
 */
export function createServer(listener: RequestListener, options?: CreateServerOptions): Server {
  checkFunction("createServer", "listener", listener);
  const given = readKnownOptions("createServer", options, KNOWN);
  const settings = requestTaskSettings("createServer", given);
  const { serverOptions } = given;
  if (
    serverOptions !== undefined &&
    (typeof serverOptions !== "object" || serverOptions === null || Array.isArray(serverOptions))
  ) {
    typeError("createServer", "options.serverOptions", "an object", serverOptions);
  }
  const life = new ServerLife(listener, settings, currentTask());
  const server = createNodeServer(
    (serverOptions ?? {}) as ServerOptions,
    inCreatorContext((request: IncomingMessage, response: ServerResponse) =>
      life.handle(request, response),
    ),
  );
  life.attach(server);
  return server;
}

/** A server's part in a shutdown, and the requests it has in flight. */
class ServerLife {
  readonly #listener: RequestListener;
  readonly #settings: RequestTaskSettings;
  readonly #owner: Task | undefined;
  #server: Server | undefined;
  /**
   * The requests in flight, as a linked list of small records: a `Set` of
   * the responses themselves costs each request an identity hash on a
   * large object, which measurably slows a busy server.
   */
  #inFlight: InFlight | undefined;
  #inFlightCount = 0;
  #closing = false;
  #ownerStopped = false;
  #drainWaiters: (() => void)[] = [];

  constructor(listener: RequestListener, settings: RequestTaskSettings, owner: Task | undefined) {
    this.#listener = listener;
    this.#settings = settings;
    this.#owner = owner;
  }

  attach(server: Server): void {
    this.#server = server;
    // Registered in the creator's context, so a failing hook names it.
    const register = throughline.bind(() => onShutdown(() => this.#shutdown()));
    let unregister: (() => void) | undefined;
    const onOwnerStopped = () => this.#stopAll();
    // Attached while listening, so a server closed and listened again has
    // its hook and its owner's stop again, and a closed one holds neither.
    server.on("listening", () => {
      if (unregister !== undefined) return;
      unregister = register();
      this.#owner?.addStopCallback(onOwnerStopped);
    });
    server.on("close", () => {
      unregister?.();
      unregister = undefined;
      this.#owner?.removeStopCallback(onOwnerStopped);
    });
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    if (this.#closing) {
      answerAndClose(response, 503, "Service Unavailable: shutting down\n");
      return;
    }
    const entry: InFlight = { response, previous: undefined, next: this.#inFlight };
    if (this.#inFlight !== undefined) this.#inFlight.previous = entry;
    this.#inFlight = entry;
    this.#inFlightCount++;
    runRequestTask(this.#listener, request, response, this.#settings, () => this.#finished(entry));
  }

  /** The shutdown hook: stop accepting; the promise settles once no request is in flight. */
  #shutdown(): Promise<void> {
    this.#beginClosing();
    if (this.#inFlightCount === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  #beginClosing(): void {
    if (this.#closing) return;
    this.#closing = true;
    const server = this.#server as Server;
    if (server.listening) server.close();
    server.closeIdleConnections();
    for (let entry = this.#inFlight; entry !== undefined; entry = entry.next) {
      if (!entry.response.headersSent) entry.response.setHeader("connection", "close");
    }
  }

  /** The creating task was stopped: its requests are stopped with it (they are its children). */
  #stopAll(): void {
    this.#beginClosing();
    this.#ownerStopped = true;
    if (this.#inFlightCount === 0) (this.#server as Server).closeAllConnections();
  }

  #finished(entry: InFlight): void {
    if (entry.previous === undefined) this.#inFlight = entry.next;
    else entry.previous.next = entry.next;
    if (entry.next !== undefined) entry.next.previous = entry.previous;
    this.#inFlightCount--;
    if (!this.#closing) return;
    const server = this.#server as Server;
    // A connection whose response went out before the shutdown began was
    // kept alive: it is idle now, and closes.
    setImmediate(() => server.closeIdleConnections());
    if (this.#inFlightCount > 0) return;
    for (const resolve of this.#drainWaiters.splice(0)) resolve();
    if (this.#ownerStopped) server.closeAllConnections();
  }
}

/** One request in flight, linked to its neighbours in the server's list. */
interface InFlight {
  readonly response: ServerResponse;
  previous: InFlight | undefined;
  next: InFlight | undefined;
}

import { requestName } from "@gentletask/http";
import { throughline } from "@gentletask/semantic-stack";
import { spawn } from "@gentletask/tasks";

/**
 * Makes each request of a fetch-API server a task: a child of the task that
 * calls `asTasks`, named `"GET /jobs/42"`, stopped when `request.signal`
 * aborts (the client went away). The server awaits the task like a promise.
 */
export const asTasks = (handle: (request: Request) => Response | Promise<Response>) =>
  throughline.bind((request: Request) =>
    spawn(() => handle(request), { name: requestName(request), signal: request.signal }),
  );

// Bun.serve({ fetch: asTasks(handle) });
// Deno.serve(asTasks(handle));
// serve({ fetch: asTasks(app.fetch) }); // Hono on Node, with @hono/node-server

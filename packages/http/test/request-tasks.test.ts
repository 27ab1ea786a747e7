import {
  createServer as createNodeServer,
  type RequestListener,
  type ServerOptions,
} from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { requestTasks } from "@gentletask/http";
import { currentSignal, Event, sleep } from "@gentletask/primitives";
import { currentTask, formatTaskTree, spawn, type Task, taskChain } from "@gentletask/tasks";
import { expect, test } from "vitest";
import { send } from "./support/http-client.ts";
import { listenForTest } from "./support/servers.ts";

function listen(listener: RequestListener, options: ServerOptions = {}): Promise<number> {
  return listenForTest(createNodeServer(options, listener));
}

test("each request is a child task of the task that set up the server, named from the request", async () => {
  const seen: unknown[] = [];
  const setup = spawn(
    async () => {
      const port = await listen(
        requestTasks((_request, response) => {
          seen.push({ chain: taskChain(), tree: formatTaskTree().replace(/\d+\.\ds/g, "T") });
          response.end("ok");
        }),
      );
      const answer = await send(port, "/jobs/42?token=secret");
      expect(answer).toMatchObject({ status: 200, body: "ok" });
    },
    { name: "api" },
  );
  await setup;
  expect(seen).toEqual([
    {
      chain: ["api", "GET /jobs/42"],
      tree: "api  running  T\n└─ GET /jobs/42  running  T\n",
    },
  ]);
});

test("requests are children of the task that called requestTasks, even when the server listens elsewhere", async () => {
  let wrapped: RequestListener | undefined;
  const api = spawn(
    async () => {
      wrapped = requestTasks((_request, response) => response.end(JSON.stringify(taskChain())));
      await sleep(Number.POSITIVE_INFINITY);
    },
    { name: "api" },
  );
  while (wrapped === undefined) await sleep(1);
  const port = await listen(wrapped); // outside any task
  expect(JSON.parse((await send(port, "/x")).body)).toEqual(["api", "GET /x"]);
  await api.stop();
});

test("a client that aborts mid-request stops exactly that request's tree; its finally runs; a sibling is untouched", async () => {
  const log: string[] = [];
  const bothStarted = new Event();
  // The sibling's work ends by itself once the doomed request's work has
  // been cleaned up (not after a timer, which a slow machine could let fire
  // before the server saw the disconnect: the sibling would then answer
  // first, and the end of "api" would stop the doomed request instead).
  const doomedCleanedUp = new Event();
  let started = 0;
  const setup = spawn(
    async () => {
      const port = await listen(
        requestTasks(async (request, response) => {
          const name = request.url as string;
          const work = spawn(
            async () => {
              try {
                if (++started === 2) bothStarted.set();
                if (name === "/doomed") await sleep(Number.POSITIVE_INFINITY);
                else await doomedCleanedUp.wait();
                log.push(`${name} work finished`);
              } finally {
                log.push(`${name} work finally (${currentTask()?.stopReason ?? "not stopped"})`);
                if (name === "/doomed") doomedCleanedUp.set();
              }
            },
            { name: "work" },
          );
          try {
            await work;
            response.end(`${name} done`);
          } finally {
            log.push(`${name} handler finally (${currentTask()?.stopReason ?? "not stopped"})`);
          }
        }),
      );
      const aborter = new AbortController();
      const doomed = send(port, "/doomed", { signal: aborter.signal });
      const sibling = send(port, "/sibling");
      await bothStarted.wait();
      aborter.abort();
      await expect(doomed).rejects.toThrow();
      expect(await sibling).toMatchObject({ status: 200, body: "/sibling done" });
    },
    { name: "api" },
  );
  await setup;
  expect(log.filter((line) => line.startsWith("/doomed"))).toEqual([
    "/doomed work finally (client disconnected)",
    "/doomed handler finally (client disconnected)",
  ]);
  expect(log.filter((line) => line.startsWith("/sibling"))).toEqual([
    "/sibling work finished",
    "/sibling work finally (not stopped)",
    "/sibling handler finally (not stopped)",
  ]);
});

test("a client that aborts while the handler waits with currentSignal(): its AbortError is a stop, not a failure", async () => {
  const reported: unknown[] = [];
  let requestTask: Task | undefined;
  const port = await listen(
    requestTasks(
      async (_request, response) => {
        requestTask = currentTask();
        await delay(60_000, undefined, { signal: currentSignal() });
        response.end("late");
      },
      { onError: (error) => reported.push(error) },
    ),
  );
  const aborter = new AbortController();
  const answer = send(port, "/slow", { signal: aborter.signal });
  while (requestTask === undefined) await sleep(1);
  aborter.abort();
  await expect(answer).rejects.toThrow();
  // onError would be called inside the request's task, before it settles.
  const settled = await requestTask.wait().then(
    () => "resolved",
    (error: unknown) => (error as Error).name,
  );
  expect({ settled, reported }).toEqual({ settled: "AbortError", reported: [] });
});

test("a handler that answers later from a callback keeps its task (and context) until the response closes", async () => {
  let chainInCallback: string[] = [];
  const port = await listen(
    requestTasks((_request, response) => {
      setTimeout(() => {
        chainInCallback = taskChain();
        response.end("late");
      }, 20);
    }),
  );
  expect(await send(port, "/late")).toMatchObject({ status: 200, body: "late" });
  expect(chainInCallback).toEqual(["GET /late"]);
});

test("a handler that fails: onError gets the error inside the request's task, the client gets a 500", async () => {
  const reported: unknown[] = [];
  const port = await listen(
    requestTasks(
      async () => {
        await sleep(1);
        throw new Error("database down");
      },
      {
        onError: (error, request) => {
          reported.push([(error as Error).message, request.url, taskChain()]);
        },
      },
    ),
  );
  const answer = await send(port, "/reports");
  expect(answer.status).toBe(500);
  expect(answer.headers.connection).toBe("close");
  expect(reported).toEqual([["database down", "/reports", ["GET /reports"]]]);
});

test("a handler that swallows its stop and leaves the response unanswered: the client gets a 503", async () => {
  let task: { stop(reason: unknown): unknown } | undefined;
  const port = await listen(
    requestTasks(async () => {
      task = currentTask();
      try {
        await sleep(Number.POSITIVE_INFINITY);
      } catch {
        // swallowed
      }
    }),
  );
  const answer = send(port, "/stuck");
  while (task === undefined) await sleep(5);
  task.stop("maintenance");
  expect(await answer).toMatchObject({ status: 503, body: "Service Unavailable\n" });
});

test("a custom name: chosen by a function, made safe; a name function that throws fails the request", async () => {
  const chains: string[][] = [];
  const errors: string[] = [];
  const port = await listen(
    requestTasks(
      (_request, response) => {
        chains.push(taskChain());
        response.end();
      },
      {
        name: (request) => {
          if (request.url === "/throw") throw new Error("no name for you");
          return `route ${request.url}\u202e\n`;
        },
        onError: (error) =>
          errors.push(`${(error as Error).message} ${JSON.stringify(taskChain())}`),
      },
    ),
  );
  expect((await send(port, "/a")).status).toBe(200);
  expect((await send(port, "/throw")).status).toBe(500);
  expect(chains).toEqual([["route /a\uFFFD\uFFFD"]]);
  expect(errors).toEqual(['no name for you ["GET /throw"]']);
});

test("hostile request lines get safe names: bounded, with no control or invisible characters", async () => {
  const names: string[] = [];
  const named = requestTasks((_request, response) => {
    names.push(taskChain()[0] as string);
    response.end();
  });
  // node:http refuses raw control bytes, but a router or proxy in front
  // that decodes the path hands them on: a NEL and a right-to-left override here.
  const port = await listen((request, response) => {
    request.url = decodeURIComponent(request.url as string);
    named(request, response);
  });
  const answer = await send(port, `/a%C2%85%E2%80%AEb/${"x".repeat(500)}?q=1`);
  expect(answer.status).toBe(200);
  expect(names).toEqual([`GET /a\uFFFD\uFFFDb/${"x".repeat(114)}…`]);
});

test("requestTasks checks its arguments", () => {
  const loose = requestTasks as unknown as (...args: unknown[]) => unknown;
  expect(() => loose("app")).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: requestTasks: expected \`listener\` to be a function, got "app" (string)]`,
  );
  expect(() => loose(() => {}, { nmae: () => "x" })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: requestTasks: unknown option \`nmae\` (known: \`name\`, \`onError\`)]`,
  );
  expect(() => loose(() => {}, { name: "GET" })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: requestTasks: expected \`options.name\` to be a function, got "GET" (string)]`,
  );
  expect(() => loose(() => {}, { onError: 1 })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: requestTasks: expected \`options.onError\` to be a function, got 1 (number)]`,
  );
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  expect(() => loose(() => {}, revoked.proxy)).toThrow(
    /^requestTasks: could not read `options`: Cannot perform 'IsArray' on a proxy that has been revoked$/,
  );
});

import { once } from "node:events";
import { Agent, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer } from "@gentletask/http";
import { Event, sleep } from "@gentletask/primitives";
import { spawn, taskChain } from "@gentletask/tasks";
import { expect, test } from "vitest";
import { rawConnection, send } from "./support/http-client.ts";

async function listening(server: Server): Promise<number> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

test("stopping the task that created the server, without main(): it stops accepting, stops its requests (503) and closes every connection", async () => {
  const inFlight = new Event();
  const log: string[] = [];
  let server: Server | undefined;
  let port = 0;
  const owner = spawn(
    async () => {
      server = createServer(async (_request, response) => {
        try {
          inFlight.set();
          await sleep(Number.POSITIVE_INFINITY);
          response.end("never");
        } finally {
          log.push(`request finally in ${JSON.stringify(taskChain())}`);
        }
      });
      port = await listening(server);
      await sleep(Number.POSITIVE_INFINITY);
    },
    { name: "service" },
  );
  while (port === 0) await sleep(1);
  const closed = once(server as Server, "close");
  const agent = new Agent({ keepAlive: true });
  const answer = send(port, "/wait", { agent });
  const halfSent = await rawConnection(port);
  halfSent.socket.write("GET /late HTTP/1.1\r\nHost: x\r\n");
  await inFlight.wait();
  await owner.stop("maintenance");
  const stopped = await answer;
  expect(stopped.status).toBe(503);
  expect(stopped.headers.connection).toBe("close");
  expect(log).toEqual(['request finally in ["service","GET /wait"]']);
  await closed; // the half-sent request's connection too
  await halfSent.closed;
  agent.destroy();
});

test("a handler failure is printed by default with the request's task chain, and the client gets a 500", async () => {
  const written: string[] = [];
  const write = process.stderr.write;
  const server = createServer(async () => {
    await sleep(1);
    throw new Error("template missing");
  });
  const port = await listening(server);
  process.stderr.write = ((chunk: string) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  let answer: Awaited<ReturnType<typeof send>>;
  try {
    answer = await send(port, "/page?id=1");
  } finally {
    process.stderr.write = write;
  }
  expect(answer.status).toBe(500);
  expect(written.join("")).toMatch(
    /^@gentletask\/http: "GET \/page" failed in \["GET \/page"\]:\nError: template missing\n/,
  );
  server.close();
  await once(server, "close");
});

test("a name function that returns no string fails the request with an error naming createServer", async () => {
  const errors: string[] = [];
  const server = createServer((_request, response) => response.end("unreachable"), {
    name: () => 42 as unknown as string,
    onError: (error) => errors.push(String(error)),
  });
  const port = await listening(server);
  expect((await send(port, "/a")).status).toBe(500);
  expect(errors).toEqual(["TypeError: createServer: `options.name` returned number, not a string"]);
  server.close();
  await once(server, "close");
});

test("createServer checks its arguments", () => {
  const loose = createServer as unknown as (...args: unknown[]) => unknown;
  expect(() => loose(undefined)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: createServer: expected \`listener\` to be a function, got undefined (undefined)]`,
  );
  expect(() => loose(() => {}, { drainMs: 10 })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: createServer: unknown option \`drainMs\` (known: \`name\`, \`onError\`, \`serverOptions\`)]`,
  );
  expect(() => loose(() => {}, { serverOptions: 5 })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: createServer: expected \`options.serverOptions\` to be an object, got 5 (number)]`,
  );
  expect(() => loose(() => {}, { onError: "log" })).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: createServer: expected \`options.onError\` to be a function, got "log" (string)]`,
  );
  const throwing = {
    get name(): () => string {
      throw new Error("no");
    },
  };
  expect(() => loose(() => {}, throwing)).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: createServer: could not read \`options.name\`: no]`,
  );
});

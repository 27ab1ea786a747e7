import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, test } from "vitest";
import { Stopped, spawn } from "../src/index.ts";
import { deferred } from "./support/turns.ts";

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

test("stopping a task aborts its in-flight fetch against a server that never answers", async () => {
  const arrived = deferred();
  server = createServer(() => {
    // Never answer: only the abort can end the request.
    arrived.resolve();
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const task = spawn(
    async () => {
      const self = task;
      const response = await fetch(`http://127.0.0.1:${port}/hang`, { signal: self.signal });
      return response.status;
    },
    { name: "fetcher" },
  );
  await arrived.promise;
  await task.stop("enough");
  const error = await task.wait().catch((e: unknown) => e);
  // fetch rejects with the signal's reason: the task's Stopped.
  expect(error).toBeInstanceOf(Stopped);
  expect((error as Stopped).reason).toBe("enough");
});

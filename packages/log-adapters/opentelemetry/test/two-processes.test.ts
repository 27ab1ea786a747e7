import { afterEach, expect, test } from "vitest";
import { CHILD_TEST_MS } from "../../../../test-support/child-deadlines.ts";
import { spawnTsChild, type TsChild } from "./support/ts-child.js";

// Two real Node processes on 127.0.0.1, running the README's examples: the
// client calls the server from inside the chain ["checkout", "charge-card"];
// the server restores it and logs through pino with @gentletask/pino.

const started: TsChild[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.process.kill();
});

type PinoLine = { msg: string; throughline?: string[]; port?: number };

test(
  "the server's log lines start with the client's chain",
  async () => {
    const server = spawnTsChild(new URL("./examples/payments-server.ts", import.meta.url));
    started.push(server);
    const listening = JSON.parse(
      await server.line((line) => line.includes('"listening"')),
    ) as PinoLine;
    expect(listening.throughline).toBeUndefined();

    const client = spawnTsChild(new URL("./examples/checkout-client.ts", import.meta.url), [
      `http://127.0.0.1:${listening.port}/charges`,
    ]);
    started.push(client);
    const exitCode = await client.exited;
    expect(exitCode, client.stderr()).toBe(0);
    const result = JSON.parse(client.lines.at(-1) as string) as {
      sent: Record<string, string>;
      traceId: string;
      received: { traceId: string };
    };

    const authorized = JSON.parse(await server.line((line) => line.includes('"card authorized"')));
    const requested = JSON.parse(await server.line((line) => line.includes('"charge requested"')));
    expect(requested.throughline).toEqual(["checkout", "charge-card", "payments-api"]);
    expect(authorized.throughline).toEqual([
      "checkout",
      "charge-card",
      "payments-api",
      "authorize",
    ]);

    // What went over the wire, and W3C trace context working alongside.
    expect(result.sent["gentletask-throughline"]).toBe("checkout,charge-card");
    expect(result.sent.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(result.received.traceId).toBe(result.traceId);
  },
  2 * CHILD_TEST_MS,
); // two children, one after the other

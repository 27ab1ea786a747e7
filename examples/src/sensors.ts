import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The service's upstream: a small sensor API on 127.0.0.1, embedded so the
 * demo needs no setup. `GET /readings/<sensor>` answers after a short delay
 * (ten times as long for the sensor named `slow`); the sensor named `stuck`
 * never answers, like a real upstream on a bad day.
 */
export async function startSensors(delayMs = 30): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const sensor = decodeURIComponent(request.url?.split("/").pop() ?? "");
    if (sensor === "stuck") return; // never answers
    const timer = setTimeout(
      () => {
        const value = 20 + [...sensor].reduce((sum, char) => sum + char.charCodeAt(0), 0) / 100;
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ sensor, value }));
      },
      sensor === "slow" ? delayMs * 10 : delayMs,
    );
    response.on("close", () => clearTimeout(timer));
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

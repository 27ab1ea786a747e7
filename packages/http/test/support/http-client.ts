import { type Agent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect, type Socket } from "node:net";

export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One request to 127.0.0.1; resolves with the whole answer, rejects on a network error. */
export function send(
  port: number,
  path: string,
  options: {
    method?: string;
    agent?: Agent;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        method: options.method ?? "GET",
        agent: options.agent,
        headers: options.headers,
        signal: options.signal,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** A raw TCP connection to 127.0.0.1, with everything it received and whether the server closed it. */
export function rawConnection(port: number): Promise<{
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}> {
  return new Promise((resolve, reject) => {
    let data = "";
    const socket = connect(port, "127.0.0.1");
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      data += chunk;
    });
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.on("error", () => {}); // a reset shows as the close
    socket.once("connect", () => resolve({ socket, received: () => data, closed }));
    socket.once("error", reject);
  });
}

import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { createServer, requestName } from "@gentletask/http";
import { Queue, shield, sleep, withTimeout } from "@gentletask/primitives";
import { currentTask, main, SerialWorker, Stopped, spawn } from "@gentletask/tasks";
import { SpanStatusCode } from "@opentelemetry/api";
import { createLogger } from "./log.js";
import { startSensors } from "./sensors.js";
import { createTracing } from "./tracing.js";

/**
 * The demo service: accepts jobs over HTTP on 127.0.0.1 and runs each as a
 * task with child tasks: fetching a reading from the (embedded) sensor API,
 * calibrating it on a serial worker, and handing the result to a reporter
 * through a queue. Logs go through pino and spans through OpenTelemetry, both
 * carrying the throughline. SIGINT or SIGTERM stops everything gracefully
 * (`main()`): the server stops accepting, jobs in flight get up to 1.5 seconds
 * to finish, then the rest is stopped. SIGUSR2 prints the live task tree.
 *
 * `POST /jobs?sensor=<name>` runs a job and answers, once it is done,
 * `{"id": "job-1", "value": 20.5}`, or 503 if the job was stopped.
 */
const log = createLogger();
const tracing = createTracing();

interface Calibrated {
  readonly id: string;
  readonly sensor: string;
  readonly value: number;
}

async function fetchReading(sensorsUrl: string, sensor: string): Promise<number> {
  const task = currentTask() as { signal?: AbortSignal } | undefined;
  log.info({ sensor }, "fetching reading");
  let response: Response;
  try {
    response = await fetch(`${sensorsUrl}/readings/${encodeURIComponent(sensor)}`, {
      // The task's signal aborts the moment the task is stopped, so the
      // request stops with it.
      signal: task?.signal ?? null,
    });
  } catch (error) {
    if (task?.signal?.aborted) log.warn("request aborted");
    throw error;
  }
  const { value } = (await response.json()) as { value: number };
  log.info({ value }, "fetched reading");
  return value;
}

async function calibrate(value: number): Promise<number> {
  log.info("measuring offset");
  await sleep(20); // stop-aware: rejects with Stopped if the job is stopped
  return Math.round((value - 0.25) * 100) / 100;
}

async function runJob(
  id: string,
  sensor: string,
  sensorsUrl: string,
  calibrator: SerialWorker,
  results: Queue<Calibrated>,
): Promise<number> {
  return tracing.tracer.startActiveSpan(id, async (span) => {
    log.info({ sensor }, "job accepted");
    try {
      const value = await withTimeout(30_000, () => fetchReading(sensorsUrl, sensor), {
        name: "fetch-reading",
      });
      const calibrated = await calibrator.submit(() => calibrate(value), { name: "calibrate" });
      await results.put({ id, sensor, value: calibrated });
      log.info("job done");
      return calibrated;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      if (error instanceof Stopped) log.warn({ reason: error.reason }, "job stopped");
      else log.error({ err: error }, "job failed");
      throw error;
    } finally {
      span.end();
    }
  });
}

async function report(results: Queue<Calibrated>) {
  for await (const result of results) {
    log.info({ job: result.id, value: result.value }, "reported result");
    results.taskDone();
  }
}

async function service() {
  const sensors = await startSensors();
  const calibrator = new SerialWorker("calibrator");
  const results = new Queue<Calibrated>();
  const reporter = spawn(() => report(results), { name: "reporter" });
  let jobs = 0;

  // Each request runs as a task, a child of this one: a job's request task
  // is named after the job, so the job's logs say which one they are about.
  // The server takes part in main()'s shutdown: it stops accepting at the
  // first signal, lets jobs in flight finish during the drain, and the
  // requests still running after it are stopped with the service.
  const server = createServer(
    async (request, response) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (request.method !== "POST" || url.pathname !== "/jobs") {
        response.statusCode = 404;
        response.end();
        return;
      }
      const id = currentTask()?.name ?? "job";
      const sensor = url.searchParams.get("sensor") ?? "default";
      response.setHeader("content-type", "application/json");
      try {
        const value = await runJob(id, sensor, sensors.url, calibrator, results);
        response.end(JSON.stringify({ id, value }));
      } catch (error) {
        if (!(error instanceof Stopped)) throw error; // the server answers 500
        response.statusCode = 503;
        response.end(JSON.stringify({ id, stopped: String(error.reason) }));
      }
    },
    {
      name: (request) =>
        request.method === "POST" && request.url?.startsWith("/jobs?")
          ? `job-${++jobs}`
          : requestName(request),
    },
  );
  const serverClosed = once(server, "close");
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  log.info(`listening on http://127.0.0.1:${port}`);

  try {
    await sleep(Number.POSITIVE_INFINITY); // until the service is stopped
  } finally {
    // Cleanup waits are shielded: the service is already stopped, and its
    // cleanup must still be able to wait.
    await shield(async () => {
      log.info({ reason: currentTask()?.stopReason }, "shutting down");
      await serverClosed; // once the requests still running have ended
      await reporter.stop();
      await calibrator.stop();
      await sensors.close();
      log.info("closed the server, the reporter, the calibrator and the sensors");
    });
  }
}

// main() runs the service as the root task and handles SIGINT/SIGTERM; once
// every task has finished, flush the spans. The exit code (0, 1, 130 or 143)
// is already set.
await main(service, { name: "job-service", drainMs: 1_500 });
await tracing.shutdown();

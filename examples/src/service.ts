import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { currentSignal, Queue, shield, sleep, withTimeout } from "@gentletask/primitives";
import { throughline } from "@gentletask/semantic-stack";
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
 * (`main()`); SIGUSR2 prints the live task tree.
 *
 * `POST /jobs?sensor=<name>` starts a job and answers `{"id": "job-1"}`.
 */
const log = createLogger();
const tracing = createTracing();

interface Calibrated {
  readonly id: string;
  readonly sensor: string;
  readonly value: number;
}

async function fetchReading(sensorsUrl: string, sensor: string): Promise<number> {
  // The current task's signal aborts the moment the task is stopped, so the
  // request stops with it.
  const signal = currentSignal();
  log.info({ sensor }, "fetching reading");
  let response: Response;
  try {
    response = await fetch(`${sensorsUrl}/readings/${encodeURIComponent(sensor)}`, { signal });
  } catch (error) {
    if (signal.aborted) log.warn("request aborted");
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

function runJob(
  id: string,
  sensor: string,
  sensorsUrl: string,
  calibrator: SerialWorker,
  results: Queue<Calibrated>,
) {
  return spawn(
    () =>
      tracing.tracer.startActiveSpan(id, async (span) => {
        log.info({ sensor }, "job accepted");
        try {
          const value = await withTimeout(30_000, () => fetchReading(sensorsUrl, sensor), {
            name: "fetch-reading",
          });
          const calibrated = await calibrator.submit(() => calibrate(value), { name: "calibrate" });
          await results.put({ id, sensor, value: calibrated });
          log.info("job done");
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
          if (error instanceof Stopped) log.warn({ reason: error.reason }, "job stopped");
          else log.error({ err: error }, "job failed");
          throw error;
        } finally {
          span.end();
        }
      }),
    { name: id },
  );
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

  // Requests arrive in the server's own async context; bind() runs each in
  // this task's, so jobs become children of the service task.
  const server = createServer(
    throughline.bind((request, response) => {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (request.method !== "POST" || url.pathname !== "/jobs") {
        response.statusCode = 404;
        response.end();
        return;
      }
      const id = `job-${++jobs}`;
      runJob(id, url.searchParams.get("sensor") ?? "default", sensors.url, calibrator, results);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ id }));
    }),
  );
  server.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  log.info(`listening on http://127.0.0.1:${port}`);

  try {
    await sleep(Number.POSITIVE_INFINITY); // until the service is stopped
  } finally {
    // Cleanup waits are shielded: the service is already stopped, and its
    // cleanup must still be able to wait.
    await shield(async () => {
      log.info({ reason: currentTask()?.stopReason }, "shutting down");
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
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
await main(service, { name: "job-service" });
await tracing.shutdown();

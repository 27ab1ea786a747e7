import { spawn, taskChain } from "@gentletask/tasks";
import { trace } from "@opentelemetry/api";
import { expect, test } from "vitest";
import { tracingWith, useAsyncContextManager } from "./support/tracing.js";

useAsyncContextManager();

const KEY = "gentletask.throughline";

test("spans started inside nested tasks carry the task chain, and keep their OpenTelemetry parents", async () => {
  const { tracer, finished } = tracingWith();
  await tracer.startActiveSpan("job", async (job) => {
    const acquisition = spawn(
      async () => {
        tracer.startSpan("acquisition-start").end();
        const calibrate = spawn(
          async () => {
            await new Promise((resolve) => setTimeout(resolve, 1));
            expect(taskChain()).toEqual(["acquisition", "calibrate"]);
            expect(trace.getActiveSpan()).toBe(job);
            tracer.startSpan("calibrate-step").end();
          },
          { name: "calibrate" },
        );
        await calibrate.wait();
      },
      { name: "acquisition" },
    );
    await acquisition.wait();
    job.end();
  });
  const job = finished("job");
  expect(job.attributes).not.toHaveProperty(KEY);
  expect(finished("acquisition-start").attributes[KEY]).toEqual(["acquisition"]);
  const step = finished("calibrate-step");
  expect(step.attributes[KEY]).toEqual(["acquisition", "calibrate"]);
  expect(step.parentSpanContext?.spanId).toBe(job.spanContext().spanId);
});

test("50 concurrent tasks, each with its own active span: every span has its own task's chain and parent", async () => {
  const { tracer, exporter } = tracingWith();
  const tasks = Array.from({ length: 50 }, (_, i) =>
    spawn(
      () =>
        tracer.startActiveSpan(`worker-${i}`, { root: true }, async (worker) => {
          await new Promise((resolve) => setTimeout(resolve, i % 3));
          const child = spawn(
            async () => {
              await new Promise((resolve) => setImmediate(resolve));
              tracer.startSpan(`worker-${i}/leaf`).end();
            },
            { name: `leaf-${i}` },
          );
          await child.wait();
          worker.end();
        }),
      { name: `worker-${i}` },
    ),
  );
  await Promise.all(tasks.map((task) => task.wait()));
  const byName = new Map(exporter.getFinishedSpans().map((span) => [span.name, span]));
  for (let i = 0; i < 50; i++) {
    const worker = byName.get(`worker-${i}`);
    const leaf = byName.get(`worker-${i}/leaf`);
    expect(worker?.attributes[KEY]).toEqual([`worker-${i}`]);
    expect(leaf?.attributes[KEY]).toEqual([`worker-${i}`, `leaf-${i}`]);
    expect(leaf?.parentSpanContext?.spanId).toBe(worker?.spanContext().spanId);
  }
});

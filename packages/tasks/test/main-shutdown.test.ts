import { main, onShutdown } from "@gentletask/tasks";
import { afterEach, expect, test } from "vitest";
import { SignalChild } from "./support/signal-child.ts";

const children: SignalChild[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.process.kill("SIGKILL");
});
function start(script: string): SignalChild {
  const child = new SignalChild(script);
  children.push(child);
  return child;
}
const lines = (child: SignalChild) => child.stdout.split("\n").filter(Boolean);

// Everything (main's phase lines too) goes to standard output, so that the order is kept.
const inOrder = `const write = (text) => process.stdout.write(text);`;

test("while the root waits on what holds no handle, main keeps the process alive; a signal still runs every finally", async () => {
  // Without a hold, Node ends such a program at once with exit code 13
  // ("unsettled top-level await") and skips the finally blocks.
  const child = start(`
    const { main, spawn, currentTask } = await import(TASKS);
    const stopped = () => new Promise((_, reject) => {
      const { signal } = currentTask();
      signal.addEventListener("abort", () => reject(signal.reason));
    });
    await main(async () => {
      const worker = spawn(async () => {
        try { await stopped(); } finally { console.log("worker finally"); }
      }, { name: "worker" });
      try {
        console.log("ready");
        await worker;
      } finally {
        console.log("root finally");
      }
    }, { name: "service" });
    console.log("main returned");
  `);
  await child.waitFor("ready");
  // A moment in which an unheld process would already have exited.
  await new Promise((resolve) => setTimeout(resolve, 200));
  child.kill("SIGTERM");
  expect(await child.exited).toEqual({ code: 143, signal: null });
  const output = lines(child);
  expect(output.slice(1, 3).sort()).toEqual(["root finally", "worker finally"]);
  expect([output[0], output[3]]).toEqual(["ready", "main returned"]);
});

test("shutdown hooks run first, last registered first, each in its own context with the signal; then the root is stopped", async () => {
  const child = start(`
    const { main, spawn, onShutdown, taskChain, currentTask } = await import(TASKS);
    ${inOrder}
    const stopped = () => new Promise((_, reject) => {
      const { signal } = currentTask();
      signal.addEventListener("abort", () => reject(signal.reason));
    });
    await main(async () => {
      onShutdown((reason) => console.log("hook A", reason, JSON.stringify(taskChain())));
      const unregistered = onShutdown(() => console.log("hook that was unregistered"));
      unregistered();
      unregistered(); // a second call does nothing
      const server = spawn(async () => {
        onShutdown((reason) => console.log("hook B", reason, JSON.stringify(taskChain())));
        try { await stopped(); } finally { console.log("server stopped by " + currentTask().stopReason); }
      }, { name: "server" });
      console.log("ready");
      await server;
    }, { name: "service", write });
  `);
  await child.waitFor("ready");
  child.kill("SIGTERM");
  expect(await child.exited).toEqual({ code: 143, signal: null });
  expect(lines(child)).toEqual([
    "ready",
    "main: SIGTERM received, running 2 shutdown hooks",
    'hook B SIGTERM ["service","server"]',
    'hook A SIGTERM ["service"]',
    'main: stopping "service" (SIGTERM); cleanup may run for up to 10000 ms',
    "server stopped by SIGTERM",
  ]);
});

// A service with a job in flight when the signal comes; its hook returns
// the promise of the jobs in flight, which is what the drain waits for. The
// job's work ends by itself finishMs ms after the hook ran (null: never).
// Timed from the hook, not from "ready": however late the signal arrives,
// the job cannot finish before the shutdown began.
const drainingService = (finishMs: number | null, drainMs: number) => `
  const { main, spawn, onShutdown, currentTask } = await import(TASKS);
  ${inOrder}
  let finishWork;
  const work = new Promise((resolve) => { finishWork = resolve; });
  const stopAware = (promise) => new Promise((resolve, reject) => {
    const { signal } = currentTask();
    signal.addEventListener("abort", () => reject(signal.reason));
    promise.then(resolve);
  });
  await main(async () => {
    const inFlight = new Set();
    onShutdown(() => {
      console.log("hook: no new jobs");
      ${finishMs === null ? "" : `setTimeout(finishWork, ${finishMs});`}
      return Promise.allSettled([...inFlight]).then(() => {});
    });
    const job = spawn(async () => {
      try {
        await stopAware(work);
        console.log("job finished by itself");
      } catch (error) {
        console.log("job stopped: " + error.reason);
      }
    }, { name: "job" });
    inFlight.add(job.result);
    console.log("ready");
    await stopAware(new Promise(() => {})).catch(() => {});
  }, { name: "service", drainMs: ${drainMs}, write });
`;

const stopLine = (signal: string) =>
  `stopping "service" (${signal}); cleanup may run for up to 10000 ms`;

test.each([
  {
    story: "the drain lets in-flight work finish by itself, then the rest is stopped",
    finishMs: 100,
    drainMs: 60_000,
    signal: "SIGINT",
    after: [
      "main: draining for up to 60000 ms while in-flight work finishes",
      "job finished by itself",
      `main: in-flight work done, ${stopLine("SIGINT")}`,
    ],
  },
  {
    story: "work still in flight when drainMs is up is stopped with the signal's name",
    finishMs: null,
    drainMs: 50,
    signal: "SIGTERM",
    after: [
      "main: draining for up to 50 ms while in-flight work finishes",
      `main: drain time of 50 ms is up, ${stopLine("SIGTERM")}`,
      "job stopped: SIGTERM",
    ],
  },
  {
    story:
      "an endless drain (Infinity) waits for the work in flight, with no timer to cut it short",
    finishMs: 300,
    drainMs: Number.POSITIVE_INFINITY,
    signal: "SIGINT",
    after: [
      "main: draining with no time limit while in-flight work finishes",
      "job finished by itself",
      `main: in-flight work done, ${stopLine("SIGINT")}`,
    ],
  },
  {
    story: "a drain past the timer limit is not shortened to 1 ms",
    finishMs: 300,
    drainMs: 2 ** 32,
    signal: "SIGTERM",
    after: [
      `main: draining for up to ${2 ** 32} ms while in-flight work finishes`,
      "job finished by itself",
      `main: in-flight work done, ${stopLine("SIGTERM")}`,
    ],
  },
  {
    story: "with drainMs 0 (the default) nothing drains: the stop comes right after the hooks",
    finishMs: null,
    drainMs: 0,
    signal: "SIGINT",
    after: [`main: ${stopLine("SIGINT")}`, "job stopped: SIGINT"],
  },
] as const)("$story", async ({ finishMs, drainMs, signal, after }) => {
  const child = start(drainingService(finishMs, drainMs));
  await child.waitFor("ready");
  child.kill(signal);
  expect(await child.exited).toEqual({ code: signal === "SIGINT" ? 130 : 143, signal: null });
  expect(lines(child)).toEqual([
    "ready",
    `main: ${signal} received, running 1 shutdown hook`,
    "hook: no new jobs",
    ...after,
  ]);
});

test.skipIf(process.platform === "win32")(
  "the drain shows in the live task tree; a second signal during it exits at once",
  async () => {
    const child = start(drainingService(null, 60_000));
    await child.waitFor("ready");
    child.kill("SIGTERM");
    await child.waitFor("draining for up to");
    child.kill("SIGUSR2");
    await child.waitFor("main: draining after");
    child.kill("SIGINT");
    expect(await child.exited).toEqual({ code: 143, signal: null });
    const output = child.stdout.replace(/\d+\.\ds/g, "T");
    expect(output).toContain(
      [
        "service  running  T",
        "└─ job  running  T",
        "main: draining after SIGTERM (up to 60000 ms)  running  T",
        "",
      ].join("\n"),
    );
    expect(output).toContain(
      "main: SIGINT again during shutdown, exiting at once; still running:\n",
    );
  },
);

test("a drain that ends early takes its timer with it: a cleanup with no time limit that waits on nothing lets the process end", async () => {
  const child = start(`
    const { main, onShutdown } = await import(TASKS);
    await main(async () => {
      onShutdown(() => Promise.resolve());
      try {
        console.log("ready");
        await new Promise(() => {});
      } finally {
        await new Promise(() => {});
      }
    }, { name: "service", drainMs: 600_000, shutdownTimeoutMs: Number.POSITIVE_INFINITY, write: () => {} });
  `);
  await child.waitFor("ready");
  child.kill("SIGINT");
  // Without the fix the drain's timer holds the process for ten minutes.
  expect(await child.exited).toEqual({ code: 130, signal: null });
});

test("a hook that throws or rejects is reported with its task chain; the others and every phase still run; the exit code is 1", async () => {
  const child = start(`
    const { main, spawn, onShutdown, currentTask } = await import(TASKS);
    ${inOrder}
    await main(async () => {
      onShutdown(() => console.log("first hook still ran"));
      await spawn(async () => {
        onShutdown(() => Promise.reject(new Error("flush failed")));
      }, { name: "flusher" });
      onShutdown(() => { throw new Error("close failed"); });
      console.log("ready");
      await new Promise((_, reject) => {
        const { signal } = currentTask();
        signal.addEventListener("abort", () => reject(signal.reason));
      });
    }, { name: "service", drainMs: 60_000, write });
  `);
  await child.waitFor("ready");
  child.kill("SIGTERM");
  expect(await child.exited).toEqual({ code: 1, signal: null });
  const output = lines(child).filter((line) => !line.startsWith("    at "));
  expect(output).toEqual([
    "ready",
    "main: SIGTERM received, running 3 shutdown hooks",
    'main: a shutdown hook failed in ["service"]:',
    "Error: close failed",
    "first hook still ran",
    "main: draining for up to 60000 ms while in-flight work finishes",
    'main: a shutdown hook failed in ["service","flusher"]:',
    "Error: flush failed",
    'main: in-flight work done, stopping "service" (SIGTERM); cleanup may run for up to 10000 ms',
  ]);
});

test("a hook registered while the shutdown is under way runs at once", async () => {
  const child = start(`
    const { main, onShutdown, currentTask } = await import(TASKS);
    ${inOrder}
    await main(async () => {
      onShutdown(() => {
        console.log("first hook");
        onShutdown((reason) => console.log("late hook " + reason));
      });
      console.log("ready");
      await new Promise((_, reject) => {
        const { signal } = currentTask();
        signal.addEventListener("abort", () => reject(signal.reason));
      });
    }, { name: "service", write });
  `);
  await child.waitFor("ready");
  child.kill("SIGINT");
  expect(await child.exited).toEqual({ code: 130, signal: null });
  expect(lines(child).slice(1, 4)).toEqual([
    "main: SIGINT received, running 1 shutdown hook",
    "first hook",
    "late hook SIGINT",
  ]);
});

test("main refuses unknown and mistyped options, naming main and the option", async () => {
  const loose = main as unknown as (...args: unknown[]) => Promise<number>;
  const body = () => 1;
  await expect(loose(body, { timeout: 10 })).rejects.toThrowErrorMatchingInlineSnapshot(
    `[TypeError: main: unknown option \`timeout\` (known: \`name\`, \`shutdownTimeoutMs\`, \`drainMs\`, \`setExitCode\`, \`write\`)]`,
  );
  await expect(loose(body, { setExitCode: "yes" })).rejects.toThrowErrorMatchingInlineSnapshot(
    `[TypeError: main: expected \`options.setExitCode\` to be a boolean, got "yes" (string)]`,
  );
  await expect(loose(body, { shutdownTimeoutMs: null })).rejects.toThrowErrorMatchingInlineSnapshot(
    `[TypeError: main: expected \`options.shutdownTimeoutMs\` to be a number of milliseconds, got null]`,
  );
  await expect(loose(body, { drainMs: -1 })).rejects.toThrowErrorMatchingInlineSnapshot(
    `[RangeError: main: expected \`options.drainMs\` to be a non-negative number of milliseconds, got -1 (number)]`,
  );
  await expect(loose(body, { drainMs: Number.NaN })).rejects.toThrowErrorMatchingInlineSnapshot(
    `[RangeError: main: expected \`options.drainMs\` to be a non-negative number of milliseconds, got NaN (number)]`,
  );
  await expect(loose(body, { drainMs: "1s" })).rejects.toThrowErrorMatchingInlineSnapshot(
    `[TypeError: main: expected \`options.drainMs\` to be a number of milliseconds, got "1s" (string)]`,
  );
  await expect(loose(body, [])).rejects.toThrowErrorMatchingInlineSnapshot(
    `[TypeError: main: expected \`options\` to be an object, got an array]`,
  );
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  await expect(loose(body, revoked.proxy)).rejects.toThrow(
    /^main: could not read `options`: Cannot perform 'IsArray' on a proxy that has been revoked$/,
  );
  const throwing = {
    get drainMs(): number {
      throw new Error("no");
    },
  };
  await expect(loose(body, throwing)).rejects.toThrowErrorMatchingInlineSnapshot(
    `[TypeError: main: could not read \`options.drainMs\`: no]`,
  );
  // Nothing started: no listener stayed behind.
  expect(process.listenerCount("SIGINT")).toBe(0);
});

test("onShutdown refuses a non-function", () => {
  const loose = onShutdown as unknown as (fn: unknown) => () => void;
  expect(() => loose("close")).toThrowErrorMatchingInlineSnapshot(
    `[TypeError: onShutdown: expected \`fn\` to be a function, got "close" (string)]`,
  );
});

test("main ends with the root even when no signal came, leaving no hook runner or handle behind", async () => {
  const ran: string[] = [];
  const unregister = onShutdown(() => {
    ran.push("hook");
  });
  expect(await main(async () => "done", { setExitCode: false })).toBe(0);
  unregister();
  expect(ran).toEqual([]);
});

import { main, spawn } from "@gentletask/tasks";
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

// A service whose worker cleans up asynchronously when stopped, and logs why.
const service = (options = "{}") => `
const { main, spawn, currentTask, taskChain } = await import(TASKS);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
await main(async () => {
  const keepAlive = setInterval(() => {}, 1000); // as a server would
  const worker = spawn(async () => {
    try {
      const { signal } = currentTask();
      await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    } finally {
      await pause(30);
      console.log(JSON.stringify(taskChain()) + " cleaned up, stopped by " + currentTask().stopReason);
    }
  }, { name: "worker" });
  console.log("ready");
  try {
    await worker;
  } finally {
    clearInterval(keepAlive);
    console.log("service finally ran");
  }
}, { name: "service", ...${options} });
console.log("main returned, exitCode " + process.exitCode + ", SIGINT listeners " + process.listenerCount("SIGINT"));
`;

test.each([
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const)(
  "%s stops the root task; the stop cascades, cleanup runs, and the exit code is %i",
  async (signal, code) => {
    const child = start(service());
    await child.waitFor("ready");
    child.kill(signal);
    expect(await child.exited).toEqual({ code, signal: null });
    expect(child.stdout.split("\n").filter(Boolean)).toEqual([
      "ready",
      // The service's wait on its worker ends at once; main resolves only
      // after the worker's own cleanup has finished.
      "service finally ran",
      `["service","worker"] cleaned up, stopped by ${signal}`,
      `main returned, exitCode ${code}, SIGINT listeners 0`,
    ]);
    expect(child.stderr).toBe(
      `main: ${signal} received, no shutdown hooks to run\n` +
        `main: stopping "service" (${signal}); cleanup may run for up to 10000 ms\n`,
    );
  },
);

test("a body that succeeds exits 0 and leaves no listener behind", async () => {
  const child = start(`
    const { main } = await import(TASKS);
    const before = ["SIGINT", "SIGTERM", "SIGUSR2"].map((s) => process.listenerCount(s));
    const code = await main(async () => 42, { name: "ok" });
    const after = ["SIGINT", "SIGTERM", "SIGUSR2"].map((s) => process.listenerCount(s));
    console.log(JSON.stringify({ code, before, after }));
  `);
  expect(await child.exited).toEqual({ code: 0, signal: null });
  expect(JSON.parse(child.stdout)).toEqual({ code: 0, before: [0, 0, 0], after: [0, 0, 0] });
  expect(child.stderr).toBe("");
});

test("a failure exits 1 and prints the error with the chain where it was raised", async () => {
  const child = start(`
    const { main, spawn } = await import(TASKS);
    await main(async () => {
      await spawn(async () => {
        await null;
        throw new Error("sensor offline");
      }, { name: "calibrate" });
    }, { name: "acquisition" });
  `);
  expect(await child.exited).toEqual({ code: 1, signal: null });
  expect(child.stderr).toMatch(
    /^main: "acquisition" failed in \["acquisition","calibrate"\]:\nError: sensor offline\n/,
  );
});

test("past the shutdown deadline the process exits at once, printing what still runs", async () => {
  const child = start(`
    const { main, spawn } = await import(TASKS);
    setInterval(() => {}, 1000); // something that would keep the process alive
    await main(async () => {
      await spawn(async () => {
        try {
          console.log("ready");
          await new Promise(() => {});
        } finally {
          await new Promise(() => {}); // cleanup that never ends
        }
      }, { name: "stubborn" });
    }, { name: "service", shutdownTimeoutMs: 300 });
  `);
  await child.waitFor("ready");
  child.kill("SIGINT");
  expect(await child.exited).toEqual({ code: 130, signal: null });
  expect(child.stderr).toContain(
    "main: cleanup took longer than 300 ms, exiting at once; still running:\n",
  );
  expect(child.stderr).toMatch(/^service {2}unwinding \(SIGINT\) {2}\d+\.\ds$/m);
  expect(child.stderr).toMatch(/^└─ stubborn {2}stopping \(SIGINT\) {2}\d+\.\ds$/m);
  // The phase the shutdown is in shows in the tree as a task of its own.
  expect(child.stderr).toMatch(
    /^main: cleanup after SIGINT \(for up to 300 ms\) {2}running {2}\d+\.\ds$/m,
  );
});

test("a cleanup that waits on nothing that holds the event loop still meets the deadline", async () => {
  const child = start(`
    const { main } = await import(TASKS);
    await main(async () => {
      const server = setInterval(() => {}, 1000); // closed when stopped, as a server would be
      try {
        console.log("ready");
        await new Promise((_, reject) => process.once("SIGINT", reject));
      } finally {
        clearInterval(server);
        await new Promise(() => {}); // waits on something that holds no handle
      }
    }, { name: "service", shutdownTimeoutMs: 300 });
  `);
  await child.waitFor("ready");
  child.kill("SIGINT");
  expect(await child.exited).toEqual({ code: 130, signal: null });
  expect(child.stderr).toContain(
    "main: cleanup took longer than 300 ms, exiting at once; still running:\nservice  stopping (SIGINT)",
  );
});

test("without a deadline, a process that runs out of work during shutdown still exits with the signal's code", async () => {
  const child = start(`
    const { main } = await import(TASKS);
    await main(async () => {
      const server = setInterval(() => {}, 1000);
      try {
        console.log("ready");
        await new Promise((_, reject) => process.once("SIGTERM", reject));
      } finally {
        clearInterval(server);
        await new Promise(() => {});
      }
    }, { name: "service", shutdownTimeoutMs: Infinity });
  `);
  await child.waitFor("ready");
  child.kill("SIGTERM");
  expect(await child.exited).toEqual({ code: 143, signal: null });
});

test("a second signal during shutdown exits at once, printing what still runs", async () => {
  const child = start(`
    const { main, spawn } = await import(TASKS);
    setInterval(() => {}, 1000);
    await main(async () => {
      try {
        console.log("ready");
        await new Promise(() => {});
      } finally {
        console.log("cleaning up slowly");
        await new Promise(() => {});
      }
    }, { name: "service", shutdownTimeoutMs: Infinity });
  `);
  await child.waitFor("ready");
  child.kill("SIGTERM");
  await child.waitFor("received");
  child.kill("SIGINT");
  expect(await child.exited).toEqual({ code: 143, signal: null });
  expect(child.stderr).toContain(
    "main: SIGINT again during shutdown, exiting at once; still running:\nservice  stopping (SIGTERM)",
  );
});

test.skipIf(process.platform === "win32")(
  "SIGUSR2 prints the live task tree and stops nothing",
  async () => {
    const child = start(`
    const { main, spawn, SerialWorker } = await import(TASKS);
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    const keepAlive = setInterval(() => {}, 1000);
    process.once("SIGUSR1", () => { clearInterval(keepAlive); release(); });
    await main(async () => {
      const worker = new SerialWorker("db");
      const job = worker.submit(() => gate, { name: "migrate" });
      await spawn(async () => {
        const fetch = spawn(() => gate, { name: "fetch" });
        console.log("ready"); // the signal listeners are in place
        await fetch;
      }, { name: "request" });
      await job;
      await worker.stop();
      console.log("finished normally");
    }, { name: "service" });
  `);
    await child.waitFor("ready");
    child.kill("SIGUSR2");
    await child.waitFor("fetch");
    child.kill("SIGUSR1");
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.stdout).toBe("ready\nfinished normally\n");
    const tree = child.stderr.replace(/\d+\.\ds/g, "T");
    expect(tree).toBe(
      [
        // The worker belongs to the root task; its job is under it.
        "service  running  T",
        "├─ db  running  T",
        "│  └─ migrate  running  T",
        "└─ request  running  T",
        "   └─ fetch  running  T",
        "",
      ].join("\n"),
    );
  },
);

test("main called twice in one process leaves no listener behind", async () => {
  const signals = ["SIGINT", "SIGTERM", "SIGUSR2"] as const;
  const before = signals.map((signal) => process.listenerCount(signal));
  expect(await main(async () => "first", { setExitCode: false })).toBe(0);
  const lines: string[] = [];
  const failed = await main(
    () => {
      throw new Error("second");
    },
    { setExitCode: false, write: (text) => lines.push(text) },
  );
  expect(failed).toBe(1);
  expect(lines.join("")).toMatch(/^main: "main" failed in \["main"\]:\nError: second/);
  expect(signals.map((signal) => process.listenerCount(signal))).toEqual(before);
  expect(process.exitCode).toBeUndefined();
});

test("main names the root task after fn, and it is a root on the throughline", async () => {
  let chain: unknown;
  await main(
    async function ingest() {
      chain = await spawn(async () => (await import("@gentletask/tasks")).taskChain(), {
        name: "step",
      });
    },
    { setExitCode: false },
  );
  expect(chain).toEqual(["ingest", "step"]);
});

test("main checks its arguments", async () => {
  const loose = main as unknown as (...args: unknown[]) => Promise<number>;
  await expect(loose(42)).rejects.toThrowErrorMatchingInlineSnapshot(
    `[TypeError: main: expected \`fn\` to be a function, got 42 (number)]`,
  );
  await expect(
    loose(() => 1, { shutdownTimeoutMs: -1 }),
  ).rejects.toThrowErrorMatchingInlineSnapshot(
    `[RangeError: main: expected \`options.shutdownTimeoutMs\` to be a non-negative number of milliseconds, got -1 (number)]`,
  );
  await expect(loose(() => 1, { name: 5 })).rejects.toThrow(
    /main: expected `options.name` to be a string/,
  );
  await expect(loose(() => 1, { write: "stderr" })).rejects.toThrow(
    /main: expected `options.write` to be a function/,
  );
});

import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * What `npm run demo` runs: starts the job service in a child process, sends
 * it a few jobs over HTTP, asks it for its live task tree while two jobs are
 * in flight (one on a slow upstream, one on an upstream that never answers),
 * then stops it with SIGINT, as Ctrl-C would. The service stops accepting,
 * lets the slow job finish (200) during the drain, stops the stuck one after
 * it (503), unwinds every task and exits with 130; this driver then exits 0,
 * or 1 if anything went differently.
 */
const servicePath = fileURLToPath(new URL("./service.js", import.meta.url));

function narrate(text: string) {
  process.stdout.write(`\n── ${text}\n`);
}

/** Resolves with the first line the service prints from now on (either stream) that matches. */
function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const streams = [child.stdout, child.stderr];
    const stopListening = () => {
      clearTimeout(timer);
      for (const stream of streams) stream?.off("data", onData);
    };
    const timer = setTimeout(() => {
      stopListening();
      reject(new Error(`demo: the service never printed ${pattern}`));
    }, timeoutMs);
    function onData(chunk: Buffer) {
      buffered += chunk.toString("utf8");
      const line = buffered.split("\n").find((candidate) => pattern.test(candidate));
      if (line === undefined) return;
      stopListening();
      resolve(line);
    }
    for (const stream of streams) stream?.on("data", onData);
  });
}

async function postJob(baseUrl: string, sensor: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${baseUrl}/jobs?sensor=${encodeURIComponent(sensor)}`, {
    method: "POST",
  });
  return { status: response.status, body: await response.text() };
}

async function demo(): Promise<number> {
  narrate("starting the job service (HTTP on 127.0.0.1, an embedded sensor API)");
  const child = spawn(process.execPath, [servicePath], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(process.stdout);
  child.stderr.pipe(process.stdout);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

  try {
    const listening = await waitForLine(child, /listening on http:\/\/127\.0\.0\.1:\d+/);
    const baseUrl = (listening.match(/http:\/\/127\.0\.0\.1:\d+/) as RegExpMatchArray)[0];

    narrate(
      "sending two jobs, on sensors alpha and beta; each request answers when its job is done",
    );
    for (const answer of await Promise.all([postJob(baseUrl, "alpha"), postJob(baseUrl, "beta")])) {
      narrate(`answered ${answer.status}: ${answer.body}`);
    }

    narrate("sending two more: one on a slow sensor, one on the sensor that never answers");
    const slow = postJob(baseUrl, "slow");
    const stuck = postJob(baseUrl, "stuck");
    await Promise.all([
      waitForLine(child, /"job-3","fetch-reading"\] fetching reading/),
      waitForLine(child, /"job-4","fetch-reading"\] fetching reading/),
    ]);

    narrate("asking the service what it is doing right now (SIGUSR2 prints the live task tree)");
    const tree = waitForLine(child, /job-4 {2}running/);
    child.kill("SIGUSR2");
    await tree;
    await new Promise((resolve) => setTimeout(resolve, 50));

    narrate("stopping the service with SIGINT, as Ctrl-C would, while both jobs are in flight");
    child.kill("SIGINT");
    const [slowAnswer, stuckAnswer] = await Promise.all([slow, stuck]);
    narrate(
      `job-3 (slow sensor) answered ${slowAnswer.status} during the drain: ${slowAnswer.body}`,
    );
    narrate(
      `job-4 (stuck sensor) answered ${stuckAnswer.status} once the drain time was up: ${stuckAnswer.body}`,
    );
    const { code, signal } = await exited;
    if (code === 130 && slowAnswer.status === 200 && stuckAnswer.status === 503) {
      narrate(
        "the service stopped every task, ran their cleanup, and exited with code 130 (SIGINT)",
      );
      return 0;
    }
    narrate(`unexpected: the service exited with code ${code} (signal ${signal})`);
    return 1;
  } catch (error) {
    child.kill("SIGKILL");
    narrate(String(error));
    return 1;
  }
}

process.exitCode = await demo();

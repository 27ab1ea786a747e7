import { checkFunction } from "@gentletask/semantic-stack/argument-errors";
import { spawn } from "./async-task.js";
import { type MainOptions, resolveMainOptions } from "./main-options.js";
import {
  describeFailure,
  ShutdownPhases,
  STOP_SIGNALS,
  type StopSignal,
} from "./shutdown-phases.js";
import { Stopped } from "./stopped.js";
import { formatTaskTree } from "./task-tree.js";

export type { MainOptions } from "./main-options.js";

/**
 * Where the live task tree is printed on demand: SIGUSR2 where it exists,
 * and SIGBREAK (Ctrl+Break) on Windows, which has no SIGUSR2.
 */
const TREE_SIGNAL: NodeJS.Signals = process.platform === "win32" ? "SIGBREAK" : "SIGUSR2";

/**
 * Runs `fn` as the root task of a program and resolves with its exit code
 * once the root task and all its descendants are done. While the root
 * runs, `main` holds the process alive (on Node, Bun and Deno), so a
 * service whose tasks all sit in stop-aware waits runs until signalled.
 *
 * - The first SIGINT or SIGTERM starts a shutdown in phases, each one line
 *   through `write`: (1) the {@link onShutdown} hooks run, last registered
 *   first, so servers stop accepting new work at once; (2) for up to
 *   `drainMs` (default 0: no drain), work already in flight may finish by
 *   itself, until the promises the hooks returned have settled; (3) the
 *   root is stopped with the signal's name as the reason (`"SIGINT"`), so
 *   the stop cascades through every task and `finally` blocks run; (4)
 *   `shutdownTimeoutMs` bounds that cleanup. Past it, or on a second such
 *   signal, the process exits at once, printing the tree of tasks still
 *   running, where the lasting phases show as tasks of their own.
 * - SIGUSR2 (SIGBREAK on Windows) prints the live task tree and stops nothing.
 * - The exit code is 0 when `fn` succeeds; 1 when it fails (the error is
 *   printed once, with the chain of tasks it was raised in) or a shutdown
 *   hook or cleanup failed; and 130 or 143 when SIGINT or SIGTERM stopped
 *   it. It is set on `process.exitCode` unless `setExitCode` is false, so
 *   the process ends on its own once nothing else keeps it alive.
 * - When the promise settles, every listener, timer and handle `main`
 *   added is gone again.
 *
 * @throws TypeError / RangeError for a wrong `fn` or option (an unknown
 *   option too), naming `main` and the option.
 * @example
 * ```ts
 * import { once } from "node:events";
 * import { createServer } from "node:http";
 * import { shield, sleep } from "@gentletask/primitives";
 * import { main } from "@gentletask/tasks";
 *
 * await main(async () => {
 *   const server = createServer((request, response) => response.end("hello\n"));
 *   server.listen(8080, "127.0.0.1");
 *   await once(server, "listening");
 *   try {
 *     await sleep(Infinity); // until SIGINT or SIGTERM
 *   } finally {
 *     // `close()` returns the server, not a promise: wait for its callback.
 *     // Shielded, because the stopped task's other waits reject at once.
 *     await shield(() => new Promise<void>((resolve) => server.close(() => resolve())));
 *   }
 * }, { name: "api" });
 * ```
 */
export async function main(fn: () => unknown, options?: MainOptions): Promise<number> {
  checkFunction("main", "fn", fn);
  const resolved = resolveMainOptions(fn, options);
  const { name, write, setExitCode } = resolved;

  const root = spawn(fn, { name });
  const phases = new ShutdownPhases(root, resolved);
  const onInterrupt = () => phases.onSignal("SIGINT");
  const onTerminate = () => phases.onSignal("SIGTERM");
  const onTreeRequest = () => write(formatTaskTree());

  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onTerminate);
  process.on(TREE_SIGNAL, onTreeRequest);
  let code: number;
  try {
    await root;
    // A body that caught the stop and returned was still stopped by the signal.
    code = exitCodeOf(phases.signal);
  } catch (error) {
    if (phases.signal !== undefined && error instanceof Stopped) {
      code = exitCodeOf(phases.signal);
    } else {
      code = 1;
      write(describeFailure(`"${name}"`, error, undefined));
    }
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onTerminate);
    process.off(TREE_SIGNAL, onTreeRequest);
    phases.end();
  }
  if (phases.cleanupFailed) code = 1;
  if (setExitCode) process.exitCode = code;
  return code;
}

function exitCodeOf(signal: StopSignal | undefined): number {
  return signal === undefined ? 0 : STOP_SIGNALS[signal];
}

import { throughline } from "@gentletask/semantic-stack";
import {
  checkDuration,
  checkFunction,
  checkOptionalString,
  checkOptionsObject,
  typeError,
} from "@gentletask/semantic-stack/argument-errors";
import { spawn } from "./async-task.js";
import { Stopped } from "./stopped.js";
import { formatTaskTree } from "./task-tree.js";

/** Options for {@link main}. */
export interface MainOptions {
  /** The root task's name on the throughline; default `fn.name`, else `"main"`. */
  readonly name?: string;
  /**
   * How long the graceful phase after SIGINT or SIGTERM may last, in
   * milliseconds; past it the process exits at once, printing the tasks still
   * running. Default 10,000; `Infinity` waits for ever.
   */
  readonly shutdownTimeoutMs?: number;
  /** Whether to set `process.exitCode` when the root task ends; default `true`. */
  readonly setExitCode?: boolean;
  /** Where `main` writes what it has to say (signals, failures, task trees); default standard error. */
  readonly write?: (text: string) => void;
}

/** Exit codes by the signal that stopped the program, as shells report them (128 + signal number). */
const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof STOP_SIGNALS;

/**
 * Where the live task tree is printed on demand: SIGUSR2 where it exists,
 * and SIGBREAK (Ctrl+Break) on Windows, which has no SIGUSR2.
 */
const TREE_SIGNAL: NodeJS.Signals = process.platform === "win32" ? "SIGBREAK" : "SIGUSR2";

/**
 * Runs `fn` as the root task of a program and resolves with its exit code
 * once the root task and all its descendants are done.
 *
 * - SIGINT or SIGTERM stops the root with the signal's name as the reason
 *   (`"SIGINT"`), so the stop cascades through every task, `finally` blocks
 *   run and logs can say why. Past `shutdownTimeoutMs`, or on a second such
 *   signal, the process exits at once, printing the tree of tasks still
 *   running.
 * - SIGUSR2 (SIGBREAK on Windows) prints the live task tree and stops nothing.
 * - The exit code is 0 when `fn` succeeds, 1 when it fails (the error is
 *   printed with the chain of tasks it was raised in), and 130 or 143 when
 *   SIGINT or SIGTERM stopped it; it is set on `process.exitCode` unless
 *   `setExitCode` is false, so the process ends on its own once nothing else
 *   keeps it alive.
 * - When the promise settles, every listener `main` added is removed again.
 *
 * @throws TypeError / RangeError for a wrong `fn` or option.
 * @example
 * ```ts
 * await main(async () => {
 *   const server = await startServer();
 *   try {
 *     await sleep(Infinity); // until SIGINT or SIGTERM
 *   } finally {
 *     await shield(() => server.close());
 *   }
 * }, { name: "api" });
 * ```
 */
export async function main(fn: () => unknown, options: MainOptions = {}): Promise<number> {
  checkFunction("main", "fn", fn);
  checkOptionsObject("main", options);
  checkOptionalString("main", "options.name", options.name);
  const shutdownTimeoutMs = checkDuration(
    "main",
    "options.shutdownTimeoutMs",
    options.shutdownTimeoutMs ?? 10_000,
  );
  if (options.write !== undefined && typeof options.write !== "function") {
    typeError("main", "options.write", "a function", options.write);
  }
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const setExitCode = options.setExitCode ?? true;
  const name = options.name ?? (fn.name === "" ? "main" : fn.name);

  const root = spawn(fn, { name });
  let stoppedBy: StopSignal | undefined;
  let deadline: NodeJS.Timeout | undefined;

  const exitNow = (why: string) => {
    write(`main: ${why}; still running:\n${formatTaskTree()}`);
    process.exit(stoppedBy === undefined ? 1 : STOP_SIGNALS[stoppedBy]);
  };
  const onStopSignal = (signal: StopSignal) => {
    if (stoppedBy !== undefined) {
      exitNow(`${signal} again during shutdown, exiting at once`);
      return;
    }
    stoppedBy = signal;
    write(`main: ${signal} received, stopping "${name}"\n`);
    // Should cleanup wait on something that holds the event loop open by
    // nothing (a promise never settled), Node ends the process before the
    // root settles: it must still end with the signal's code.
    if (setExitCode) process.exitCode = STOP_SIGNALS[signal];
    if (shutdownTimeoutMs !== Number.POSITIVE_INFINITY) {
      // Referenced, so that such a cleanup still meets the deadline and the
      // tree is printed; it is cleared the moment the root settles.
      deadline = setTimeout(
        () => exitNow(`shutdown took longer than ${shutdownTimeoutMs} ms, exiting at once`),
        Math.min(shutdownTimeoutMs, 2 ** 31 - 1),
      );
    }
    void root.stop(signal);
  };
  const onInterrupt = () => onStopSignal("SIGINT");
  const onTerminate = () => onStopSignal("SIGTERM");
  const onTreeRequest = () => write(formatTaskTree());

  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onTerminate);
  process.on(TREE_SIGNAL, onTreeRequest);
  let code: number;
  try {
    await root;
    // A body that caught the stop and returned was still stopped by the signal.
    code = stoppedBy === undefined ? 0 : STOP_SIGNALS[stoppedBy];
  } catch (error) {
    if (stoppedBy !== undefined && error instanceof Stopped) {
      code = STOP_SIGNALS[stoppedBy];
    } else {
      code = 1;
      write(describeFailure(name, error));
    }
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onTerminate);
    process.off(TREE_SIGNAL, onTreeRequest);
    if (deadline !== undefined) clearTimeout(deadline);
  }
  if (setExitCode) process.exitCode = code;
  return code;
}

/** The failure of the root task, with the chain of tasks where the error was raised. */
function describeFailure(name: string, error: unknown): string {
  const frames = throughline.errorFrames(error);
  const chain =
    frames === undefined ? "" : ` in ${JSON.stringify(frames.map((frame) => frame.name))}`;
  const detail =
    error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return `main: "${name}" failed${chain}:\n${detail}\n`;
}

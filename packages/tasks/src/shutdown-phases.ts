import { throughline } from "@gentletask/semantic-stack";
import { isThenable } from "@gentletask/semantic-stack/argument-errors";
import { spawn } from "./async-task.js";
import type { ResolvedMainOptions } from "./main-options.js";
import { type RegisteredHook, runShutdownHooks } from "./shutdown-hooks.js";
import type { Task } from "./task.js";
import { formatTaskTree } from "./task-tree.js";

/** Exit codes by the signal that stopped the program, as shells report them (128 + signal number). */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** The longest delay `setInterval`/`setTimeout` take without overflowing. */
const MAX_DELAY = 2 ** 31 - 1;
const noop = () => {};

/**
 * The life of a `main()` root after its start: holds the process alive
 * while the root runs, and on the first SIGINT/SIGTERM runs the shutdown
 * in phases, one log line each: (1) the shutdown hooks, last registered
 * first; (2) the drain, while promises the hooks returned are pending, for
 * at most `drainMs`; (3) the stop of the root with the signal's name; (4)
 * the cleanup, bounded by `shutdownTimeoutMs`. Phases 2 and 4 are also
 * tasks of their own, so a printed task tree says where the shutdown is.
 */
export class ShutdownPhases {
  /** The first stop signal, once one came. */
  signal: StopSignal | undefined;
  /** Whether a shutdown hook threw or rejected: the exit code is then 1. */
  cleanupFailed = false;
  readonly #root: Task;
  readonly #options: ResolvedMainOptions;
  /** A referenced handle, so that the process lives while the root waits on nothing that holds one. */
  #hold: ReturnType<typeof setInterval> | undefined = setInterval(noop, MAX_DELAY);
  #timers: ReturnType<typeof setTimeout>[] = [];
  #rootSettled = false;
  readonly #settledWaiters: (() => void)[] = [];
  #releaseHooks: (() => void) | undefined;
  /** Settles-never-rejects promises of hooks still at work, while the drain lasts. */
  #draining: Set<Promise<void>> | undefined;
  #drainChanged: (() => void) | undefined;

  constructor(root: Task, options: ResolvedMainOptions) {
    this.#root = root;
    this.#options = options;
  }

  /** A SIGINT or SIGTERM arrived. */
  onSignal(signal: StopSignal): void {
    const { write, setExitCode, drainMs } = this.#options;
    if (this.signal !== undefined) {
      this.#exitNow(`${signal} again during shutdown, exiting at once`);
      return;
    }
    this.signal = signal;
    // Should cleanup wait on something that holds the event loop open by
    // nothing, Node ends the process before the root settles: it must
    // still end with the signal's code.
    if (setExitCode) process.exitCode = STOP_SIGNALS[signal];
    const pending = new Set<Promise<void>>();
    this.#draining = drainMs > 0 ? pending : undefined;
    const hooks = runShutdownHooks(
      (hook) => {
        const work = this.#runHook(hook, signal);
        if (work !== undefined && this.#draining !== undefined) {
          this.#draining.add(work);
          void work.then(() => {
            this.#draining?.delete(work);
            this.#drainChanged?.();
          });
        }
      },
      (count) => write(`main: ${signal} received, ${describeHooks(count)}\n`),
    );
    this.#releaseHooks = hooks.release;
    if (this.#draining === undefined || pending.size === 0 || this.#rootSettled) {
      this.#draining = undefined;
      this.#stop("");
      return;
    }
    const forever = drainMs === Number.POSITIVE_INFINITY;
    write(
      forever
        ? "main: draining with no time limit while in-flight work finishes\n"
        : `main: draining for up to ${drainMs} ms while in-flight work finishes\n`,
    );
    let drainTimer: ReturnType<typeof setTimeout> | undefined;
    const drained = new Promise<string>((resolve) => {
      this.#drainChanged = () => {
        if (this.#draining?.size === 0) resolve("in-flight work done, ");
      };
      // No timer for an endless drain, and none past the timer limit, which
      // Node would shorten to 1 ms.
      if (!forever) {
        drainTimer = setTimeout(
          () => resolve(`drain time of ${drainMs} ms is up, `),
          Math.min(drainMs, MAX_DELAY),
        );
        this.#timers.push(drainTimer);
      }
      this.#settledWaiters.push(() => resolve(""));
    });
    this.#phaseTask(`main: draining after ${signal} (up to ${drainMs} ms)`, drained);
    void drained.then((why) => {
      // A drain that ended early must not hold the process for the rest of its time.
      clearTimeout(drainTimer);
      this.#draining = undefined;
      this.#drainChanged = undefined;
      this.#stop(why);
    });
  }

  /** The root has settled: every handle and timer of the shutdown goes. */
  end(): void {
    this.#rootSettled = true;
    this.#releaseHold();
    for (const timer of this.#timers.splice(0)) clearTimeout(timer);
    this.#releaseHooks?.();
    for (const waiter of this.#settledWaiters.splice(0)) waiter();
  }

  /** Phase 3: stop the root; phase 4: its cleanup is bounded by `shutdownTimeoutMs`. */
  #stop(why: string): void {
    if (this.#rootSettled) return;
    const { write, name, shutdownTimeoutMs } = this.#options;
    const signal = this.signal as StopSignal;
    const bound =
      shutdownTimeoutMs === Number.POSITIVE_INFINITY
        ? "with no time limit"
        : `for up to ${shutdownTimeoutMs} ms`;
    write(`main: ${why}stopping "${name}" (${signal}); cleanup may run ${bound}\n`);
    if (shutdownTimeoutMs !== Number.POSITIVE_INFINITY) {
      // Referenced: a cleanup that waits on nothing holding a handle still
      // meets the deadline, and the tree is printed.
      this.#timers.push(
        setTimeout(
          () => this.#exitNow(`cleanup took longer than ${shutdownTimeoutMs} ms, exiting at once`),
          Math.min(shutdownTimeoutMs, MAX_DELAY),
        ),
      );
    }
    // From here the deadline holds the process; with no deadline, a cleanup
    // that waits on what nothing can settle lets the process end by itself,
    // with the signal's exit code, instead of hanging for ever.
    this.#releaseHold();
    const settled = new Promise<void>((resolve) => this.#settledWaiters.push(resolve));
    this.#phaseTask(`main: cleanup after ${signal} (${bound})`, settled);
    void this.#root.stop(signal);
  }

  /** Calls `hook`; returns a promise that settles (never rejects) when what it returned has. */
  #runHook(hook: RegisteredHook, signal: StopSignal): Promise<void> | undefined {
    try {
      const result = hook.run(signal);
      if (!isThenable(result)) return undefined;
      return Promise.resolve(result).then(noop, (error) => this.#hookFailed(hook, error));
    } catch (error) {
      this.#hookFailed(hook, error);
      return undefined;
    }
  }

  #hookFailed(hook: RegisteredHook, error: unknown): void {
    this.cleanupFailed = true;
    if (this.#options.setExitCode) process.exitCode = 1;
    this.#options.write(describeFailure("a shutdown hook", error, hook.chain));
  }

  /** A task of its own for a phase that lasts, so that a printed task tree shows it. */
  #phaseTask(name: string, until: Promise<unknown>): void {
    spawn(() => until, { name, detach: true });
  }

  #releaseHold(): void {
    if (this.#hold !== undefined) clearInterval(this.#hold);
    this.#hold = undefined;
  }

  #exitNow(why: string): never {
    this.#options.write(`main: ${why}; still running:\n${formatTaskTree()}`);
    const signal = this.signal;
    process.exit(
      this.cleanupFailed || signal === undefined ? 1 : STOP_SIGNALS[signal as StopSignal],
    );
  }
}

function describeHooks(count: number): string {
  if (count === 0) return "no shutdown hooks to run";
  return `running ${count} shutdown hook${count === 1 ? "" : "s"}`;
}

/**
 * A failure with the chain of tasks where it was raised (from the error
 * itself, else `fallback`), for `main` to print once.
 */
export function describeFailure(
  what: string,
  error: unknown,
  fallback: readonly string[] | undefined,
): string {
  const frames = throughline.errorFrames(error)?.map((frame) => frame.name) ?? fallback;
  const chain = frames === undefined ? "" : ` in ${JSON.stringify(frames)}`;
  let detail: string;
  try {
    detail =
      error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  } catch {
    detail = "(an error that cannot be printed)";
  }
  return `main: ${what} failed${chain}:\n${detail}\n`;
}

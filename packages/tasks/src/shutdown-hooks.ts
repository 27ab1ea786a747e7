import { throughline } from "@gentletask/semantic-stack";
import { checkFunction } from "@gentletask/semantic-stack/argument-errors";
import { taskChain } from "./task-context.js";

/**
 * A function {@link onShutdown} registers: called with the signal's name at
 * `main`'s first SIGINT/SIGTERM; what it returns is drained.
 *
 * @example
 * ```ts
 * const stopAccepting: ShutdownHook = (reason) => {
 *   console.log(`no new work: ${reason}`);
 * };
 * ```
 */
export type ShutdownHook = (reason: unknown) => void | PromiseLike<void>;

/** A registered hook, run in the async context it was registered in. */
interface RegisteredHook {
  readonly run: ShutdownHook;
  /** The task chain where it was registered, to say where a failure came from. */
  readonly chain: readonly string[];
}

/** What a running shutdown does with a hook: call it and follow what it returns. */
export type HookRunner = (hook: RegisteredHook) => void;

/** Hooks in order of registration; a `Set` keeps that order and makes removal cheap. */
const hooks = new Set<RegisteredHook>();
/** Set while a `main()` shutdown runs: a hook registered then is run at once. */
let lateHookRunner: HookRunner | undefined;

/**
 * Registers `fn` to run when {@link main} receives its first SIGINT or
 * SIGTERM, before anything is stopped: the place where a server stops
 * accepting new work. Hooks run in reverse order of registration (the
 * last registered, typically the outermost server, first), each in the
 * async context it was registered in (its throughline and task), with the
 * signal's name as `reason`.
 *
 * What a hook returns is the work it lets finish: `main` keeps draining
 * (for up to its `drainMs`) until every promise the hooks returned has
 * settled, then stops the rest. A hook that throws or rejects is reported
 * with the task chain it was registered in, the other hooks and phases
 * still run, and the exit code becomes 1. A hook registered while a
 * shutdown is already under way runs at once.
 *
 * Returns a function that unregisters the hook (calling it again does
 * nothing); a server unregisters its hook when it closes.
 *
 * @throws TypeError if `fn` is not a function.
 * @example
 * ```ts
 * import { sleep } from "@gentletask/primitives";
 * import { main, onShutdown } from "@gentletask/tasks";
 *
 * await main(async () => {
 *   let accepting = true;
 *   let markDone = () => {};
 *   const done = new Promise<void>((resolve) => {
 *     markDone = resolve;
 *   });
 *   const unregister = onShutdown(() => {
 *     accepting = false; // the signal came: take no new work...
 *     return done; // ...and let main drain until the unit in flight is finished
 *   });
 *   try {
 *     while (accepting) await sleep(1_000); // one unit of work
 *   } finally {
 *     markDone();
 *     unregister();
 *   }
 * }, { drainMs: 2_000 });
 * ```
 */
export function onShutdown(fn: ShutdownHook): () => void {
  checkFunction("onShutdown", "fn", fn);
  const hook: RegisteredHook = { run: throughline.bind(fn), chain: taskChain() };
  hooks.add(hook);
  lateHookRunner?.(hook);
  return () => {
    hooks.delete(hook);
  };
}

/**
 * Runs every registered hook, the last registered first, through `runner`,
 * after telling `announce` how many there are; until `release()` is called,
 * a hook registered later is run at once too.
 */
export function runShutdownHooks(
  runner: HookRunner,
  announce: (count: number) => void,
): { release(): void } {
  const ordered = [...hooks].reverse();
  announce(ordered.length);
  lateHookRunner = runner;
  // A hook unregistered by an earlier one (its server already closed) is skipped.
  for (const hook of ordered) if (hooks.has(hook)) runner(hook);
  return {
    release: () => {
      if (lateHookRunner === runner) lateHookRunner = undefined;
    },
  };
}

export type { RegisteredHook };

/** What the main side sends a thread for one job: plain data, cloned on the way. */
export interface JobPayload {
  /** A job number, unique per thread. */
  readonly id: number;
  /** The public entry point that started the job, for error messages. */
  readonly where: string;
  /** The module's `file:` URL. */
  readonly module: string;
  readonly exportName: string;
  readonly args: readonly unknown[];
  /** The caller's throughline frames, outermost first (as data). */
  readonly frames: readonly Record<string, unknown>[];
  /** The task's name: pushed on top of `frames` inside the thread. */
  readonly name: string;
  /** The job's stop flag (see `stop-flag.ts`). */
  readonly flag: SharedArrayBuffer;
}

/** How a job ended, as the thread reports it. */
export type JobOutcome =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: import("./wire-values.js").WireValue;
    }
  | { readonly id: number; readonly ok: false; readonly cancelled: true };

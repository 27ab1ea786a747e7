import type { TransferListItem } from "node:worker_threads";

/** Marks a result whose buffers move to the caller instead of being copied; shared by every copy of this package. */
const TRANSFER = Symbol.for("gentletask.threads.v1.transfer");

interface Marked {
  readonly [TRANSFER]: { readonly value: unknown; readonly list: readonly TransferListItem[] };
}

/**
 * Returns `value` from a thread's export with `list` transferred rather than
 * copied: each `ArrayBuffer` (or `MessagePort`) in it moves to the caller
 * and is unusable in the thread afterwards. The caller receives `value`
 * itself. For arguments, pass `transfer` to `spawnThread` / `submit`.
 *
 * @example
 * ```ts
 * import { withTransfer } from "@gentletask/threads";
 *
 * // work.ts, run with spawnThread(new URL("./work.js", import.meta.url), "render")
 * export function render(width: number, height: number) {
 *   const pixels = new Uint8Array(width * height * 4);
 *   // ... fill pixels ...
 *   return withTransfer(pixels, [pixels.buffer]);
 * }
 * ```
 */
export function withTransfer<T>(value: T, list: readonly TransferListItem[]): T {
  if (!Array.isArray(list)) {
    throw new TypeError(
      "withTransfer: expected `list` to be an array of transferable objects (ArrayBuffer, MessagePort)",
    );
  }
  return { [TRANSFER]: { value, list: [...list] } } as unknown as T;
}

/** The value a job returned, unwrapped from {@link withTransfer}, and its transfer list. */
export function takeTransfer(result: unknown): {
  value: unknown;
  transfer: readonly TransferListItem[];
} {
  if (typeof result === "object" && result !== null && TRANSFER in result) {
    const marked = (result as Marked)[TRANSFER];
    return { value: marked.value, transfer: marked.list };
  }
  return { value: result, transfer: [] };
}

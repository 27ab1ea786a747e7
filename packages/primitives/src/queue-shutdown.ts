import { typeError } from "@gentletask/semantic-stack/argument-errors";
import { QueueShutDown } from "./queue-errors.js";

/** The error every operation refused by a shut-down queue throws, naming the operation. */
export function shutDownError(where: string): QueueShutDown {
  return new QueueShutDown(`${where}: the queue is shut down`);
}

/** Reads `shutdown`'s `options.immediate`, refusing a non-object or a non-boolean. */
export function readImmediate(options: unknown): boolean {
  if (options === undefined) return false;
  if (typeof options !== "object" || options === null) {
    typeError("Queue#shutdown", "options", "an object", options);
  }
  const immediate = (options as { immediate?: unknown }).immediate;
  if (immediate === undefined) return false;
  if (typeof immediate !== "boolean") {
    typeError("Queue#shutdown", "options.immediate", "a boolean", immediate);
  }
  return immediate;
}

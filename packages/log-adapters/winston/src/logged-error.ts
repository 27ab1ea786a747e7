/** winston keeps a log call's extra arguments here (triple-beam's `SPLAT`). */
const SPLAT = Symbol.for("splat");

/**
 * The error a winston line carries, wherever winston put it:
 * - `logger.error(err)`: the info object is the error itself;
 * - `logger.log({ level, message: err })`: under `message`;
 * - `logger.error("failed", { err })` or `{ error }`: under those fields;
 * - `logger.error("failed", err)`: among the call's extra arguments, which
 *   winston keeps under `SPLAT` (it copies only the error's fields onto the line).
 */
export function loggedError(info: Record<PropertyKey, unknown>): Error | undefined {
  if (info instanceof Error) return info;
  const { message, err, error } = info;
  if (message instanceof Error) return message;
  if (err instanceof Error) return err;
  if (error instanceof Error) return error;
  const splat = info[SPLAT];
  if (Array.isArray(splat)) {
    for (const argument of splat) if (argument instanceof Error) return argument;
  }
  return undefined;
}

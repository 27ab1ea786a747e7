import { CALL_CHAIN } from "./call-chain.js";

/**
 * The line without the chain {@link throughlineMeta} captured on it, so that
 * serializers showing symbol keys (`prettyPrint`'s `util.inspect`) never show
 * it, and a logged error object is handed back as it came.
 *
 * A plain object (the line winston built) is copied without the key:
 * deleting a key from the middle of an object turns it into a slow
 * dictionary for every format after this one, which cost about 0.8 µs a
 * line with meta. Anything else (a logged `Error`) is the caller's own
 * object and keeps its identity.
 */
export function withoutCapture<T extends object>(line: T): T {
  if (Object.getPrototypeOf(line) !== Object.prototype) {
    delete (line as Record<PropertyKey, unknown>)[CALL_CHAIN];
    return line;
  }
  const { [CALL_CHAIN]: _captured, ...copy } = line as Record<PropertyKey, unknown>;
  return copy as T;
}

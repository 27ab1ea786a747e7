import { createStorage, type StackStorage } from "./storage.js";

/**
 * The process-wide record every copy of this package shares, so that two
 * copies installed side by side still have one throughline and one record of
 * the current task. The key names the major version of the record's shape.
 */
const REGISTRY_KEY = Symbol.for("gentletask.semantic-stack.v1");
const REGISTRY_VERSION = 1;

interface RegistryV1 {
  readonly version: 1;
  readonly throughline: StackStorage;
}

let resolved: RegistryV1 | undefined;

function isCompatible(value: unknown): value is RegistryV1 {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Partial<RegistryV1>;
  return (
    record.version === REGISTRY_VERSION &&
    typeof record.throughline === "object" &&
    record.throughline !== null &&
    typeof record.throughline.als?.run === "function" &&
    record.throughline.raiseSites instanceof WeakMap
  );
}

/**
 * The shared registry, created on first use (never at import time, so the
 * package stays free of side effects).
 */
export function registry(): RegistryV1 {
  if (resolved !== undefined) return resolved;
  const global = globalThis as { [REGISTRY_KEY]?: unknown };
  const existing = global[REGISTRY_KEY];
  if (existing === undefined) {
    const created: RegistryV1 = Object.freeze({
      version: REGISTRY_VERSION,
      throughline: createStorage(),
    });
    Object.defineProperty(global, REGISTRY_KEY, {
      value: created,
      enumerable: false,
      configurable: false,
      writable: false,
    });
    resolved = created;
  } else if (isCompatible(existing)) {
    resolved = existing;
  } else {
    // Something else claimed our key: keep working with a private record
    // rather than break, and say so once.
    process.emitWarning(
      "@gentletask/semantic-stack: the global throughline record is not compatible with this copy; this copy uses its own throughline",
      { code: "GENTLETASK_INCOMPATIBLE_GLOBAL" },
    );
    resolved = Object.freeze({ version: REGISTRY_VERSION, throughline: createStorage() });
  }
  return resolved;
}

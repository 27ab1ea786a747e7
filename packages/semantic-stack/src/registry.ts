import { createStorage, type StackStorage } from "./storage.js";

/**
 * The process-wide record every copy of this package shares, so that two
 * copies installed side by side still have one throughline and one record of
 * the current task (and so one stop cascade across copies).
 *
 * Where it lives: `globalThis[Symbol.for("gentletask.semantic-stack.v<major>")]`,
 * one key per major version of the record's shape. Every copy resolves it
 * the same way, in the same order, so compatible copies always meet:
 *
 * 1. The main key. A compatible record there is used; an empty key gets one.
 * 2. Something incompatible holds the main key (a broken or hostile value):
 *    rather than each copy going private, which would split the throughline
 *    and lose the cascade between copies, compatible copies move together to
 *    the first usable of a fixed list of overflow keys, and warn once
 *    (`GENTLETASK_INCOMPATIBLE_GLOBAL`).
 * 3. Only when every key is unusable does a copy keep a private record.
 *
 * Another major under its own key cannot share our record (its shape
 * differs), so the throughline is split between the copies of the two
 * majors: each copy that sees another major's key says so with
 * `GENTLETASK_THROUGHLINE_SPLIT`. A future major must keep this key naming,
 * so the copies on either side of the split can see each other.
 */
const KEY_PREFIX = "gentletask.semantic-stack.v";
const REGISTRY_VERSION = 1;
const REGISTRY_KEY = Symbol.for(`${KEY_PREFIX}${REGISTRY_VERSION}`);
/** Where compatible copies meet when the main key is taken by something incompatible. */
const OVERFLOW_KEYS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) =>
  Symbol.for(`${KEY_PREFIX}${REGISTRY_VERSION}.overflow.${n}`),
);
const MAJOR_KEY = /^gentletask\.semantic-stack\.v(\d+)$/;

interface RegistryV1 {
  readonly version: 1;
  readonly throughline: StackStorage;
}

let resolved: RegistryV1 | undefined;

function isCompatible(value: unknown): value is RegistryV1 {
  // A hostile value (a revoked Proxy, a throwing getter) is merely incompatible.
  try {
    if (typeof value !== "object" || value === null) return false;
    const record = value as Partial<RegistryV1>;
    return (
      record.version === REGISTRY_VERSION &&
      typeof record.throughline === "object" &&
      record.throughline !== null &&
      typeof record.throughline.als?.run === "function" &&
      record.throughline.raiseSites instanceof WeakMap
    );
  } catch {
    return false;
  }
}

function newRecord(): RegistryV1 {
  return Object.freeze({ version: REGISTRY_VERSION, throughline: createStorage() });
}

type Slot = { [key: symbol]: unknown };

/** The record under `key`: the one there, a new one if the key is free, or `undefined` if unusable. */
function claim(global: Slot, key: symbol): RegistryV1 | undefined {
  let existing: unknown;
  try {
    existing = global[key];
  } catch {
    return undefined;
  }
  if (existing !== undefined) return isCompatible(existing) ? existing : undefined;
  const created = newRecord();
  try {
    Object.defineProperty(global, key, {
      value: created,
      enumerable: false,
      configurable: false,
      writable: false,
    });
  } catch {
    return undefined; // a frozen or locked-down global
  }
  return created;
}

/** The majors other than ours whose records sit on `global`, lowest first. */
function otherMajors(global: Slot): number[] {
  const majors: number[] = [];
  for (const key of Object.getOwnPropertySymbols(global)) {
    const match = MAJOR_KEY.exec(Symbol.keyFor(key) ?? "");
    if (match !== null && Number(match[1]) !== REGISTRY_VERSION) majors.push(Number(match[1]));
  }
  return majors.sort((a, b) => a - b);
}

/**
 * The shared registry, created on first use (never at import time, so the
 * package stays free of side effects).
 */
export function registry(): RegistryV1 {
  if (resolved !== undefined) return resolved;
  const global = globalThis as unknown as Slot;
  const majors = otherMajors(global);
  if (majors.length > 0) {
    process.emitWarning(
      `@gentletask/semantic-stack: copies of major version ${majors.join(", ")} are loaded beside this copy (major ${REGISTRY_VERSION}); they cannot share one throughline, so task names and stops do not cross between them. Install one major of @gentletask/* packages.`,
      { code: "GENTLETASK_THROUGHLINE_SPLIT" },
    );
  }
  let record = claim(global, REGISTRY_KEY);
  if (record === undefined) {
    for (const key of OVERFLOW_KEYS) {
      record = claim(global, key);
      if (record !== undefined) break;
    }
    process.emitWarning(
      record === undefined
        ? "@gentletask/semantic-stack: the global throughline record is not compatible with this copy and no overflow slot is free; this copy uses its own throughline"
        : "@gentletask/semantic-stack: the global throughline record is not compatible with this copy; compatible copies share an overflow record instead",
      { code: "GENTLETASK_INCOMPATIBLE_GLOBAL" },
    );
  }
  resolved = record ?? newRecord();
  return resolved;
}

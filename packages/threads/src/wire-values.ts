import { throughline } from "@gentletask/semantic-stack";
import { rememberRaiseSite } from "@gentletask/semantic-stack/task-record";
import { Stopped } from "@gentletask/tasks";
import { describe } from "./argument-checks.js";

/**
 * A value as it crosses between threads. Structured clone keeps an error's
 * message and stack but not a custom `name`, its own fields, a `Stopped`'s
 * reason or the raise-site throughline, so errors travel as records.
 */
export type WireValue =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "opaque"; readonly text: string }
  | WireError;

export interface WireError {
  readonly kind: "error";
  readonly type: string;
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  readonly cause?: WireValue;
  readonly errors?: WireValue[];
  readonly reason?: WireValue;
  readonly frames?: Record<string, unknown>[];
  readonly fields?: Record<string, WireValue>;
}

const CONSTRUCTORS: Record<string, new (message?: string) => Error> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

const MAX_DEPTH = 8;

function isError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";
}

/** Encodes any value, never throwing: what cannot be cloned becomes a description. */
export function encodeValue(value: unknown, depth = 0): WireValue {
  try {
    if (depth < MAX_DEPTH && isError(value)) return encodeError(value, depth);
    if (value === null || (typeof value !== "object" && typeof value !== "function")) {
      return typeof value === "symbol"
        ? { kind: "opaque", text: describe(value) }
        : { kind: "value", value };
    }
    structuredClone(value);
    return { kind: "value", value };
  } catch {
    return { kind: "opaque", text: describe(value) };
  }
}

function encodeError(error: Error, depth: number): WireError {
  const fields: Record<string, WireValue> = {};
  for (const key of Object.keys(error)) {
    if (key === "cause" || key === "errors" || key === "reason") continue;
    fields[key] = encodeValue((error as unknown as Record<string, unknown>)[key], depth + 1);
  }
  const frames = throughline.errorFrames(error);
  const record: {
    -readonly [K in keyof WireError]: WireError[K];
  } = {
    kind: "error",
    type: error instanceof Stopped ? "Stopped" : constructorName(error),
    name: String(error.name),
    message: String(error.message),
    stack: typeof error.stack === "string" ? error.stack : undefined,
  };
  if (frames !== undefined) record.frames = plainFrames(frames);
  if (Object.keys(fields).length > 0) record.fields = fields;
  if ("cause" in error) record.cause = encodeValue(error.cause, depth + 1);
  if (error instanceof AggregateError && Array.isArray(error.errors)) {
    record.type = "AggregateError";
    record.errors = error.errors.map((inner) => encodeValue(inner, depth + 1));
  }
  if (error instanceof Stopped) record.reason = encodeValue(error.reason, depth + 1);
  return record;
}

function constructorName(error: Error): string {
  for (const [name, ctor] of Object.entries(CONSTRUCTORS)) {
    if (Object.getPrototypeOf(error) === ctor.prototype) return name;
  }
  return "Error";
}

/**
 * Frames as data that can cross: only keys whose values are primitives
 * (the throughline carries names, by convention nothing else).
 */
export function plainFrames(frames: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return frames.map((frame) => {
    const plain: Record<string, unknown> = {};
    for (const key of Object.keys(frame)) {
      const value = frame[key];
      if (
        value === null ||
        (typeof value !== "object" && typeof value !== "function" && typeof value !== "symbol")
      ) {
        plain[key] = value;
      }
    }
    return plain;
  });
}

/** Rebuilds a value encoded by {@link encodeValue}, in this thread's realm. */
export function decodeValue(wire: WireValue): unknown {
  if (wire.kind === "value") return wire.value;
  if (wire.kind === "opaque") return wire.text;
  return decodeError(wire);
}

function decodeError(wire: WireError): Error {
  let error: Error;
  if (wire.type === "Stopped") {
    error = new Stopped(wire.reason === undefined ? undefined : decodeValue(wire.reason));
  } else if (wire.type === "AggregateError") {
    error = new AggregateError((wire.errors ?? []).map(decodeValue), wire.message);
  } else {
    error = new (CONSTRUCTORS[wire.type] ?? Error)(wire.message);
  }
  if (error.name !== wire.name) define(error, "name", wire.name);
  if (error.message !== wire.message) define(error, "message", wire.message);
  define(error, "stack", wire.stack);
  if (wire.cause !== undefined) define(error, "cause", decodeValue(wire.cause));
  if (wire.fields !== undefined) {
    for (const [key, value] of Object.entries(wire.fields)) {
      Object.defineProperty(error, key, {
        value: decodeValue(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  // The raise site travels too: loggers here read where it was raised there.
  if (wire.frames !== undefined) throughline.restore(wire.frames, () => rememberRaiseSite(error));
  return error;
}

function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

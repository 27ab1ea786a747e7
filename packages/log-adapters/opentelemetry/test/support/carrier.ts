import type { TextMapGetter, TextMapSetter } from "@opentelemetry/api";

/** Header carriers as Node's `req.headers` has them: lowercase keys, a string or an array. */
export type Headers = Record<string, string | string[] | undefined>;

export const getter: TextMapGetter<Headers> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

export const setter: TextMapSetter<Headers> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

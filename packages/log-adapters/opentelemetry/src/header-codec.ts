import type { ThroughlineHeaderLimits } from "./header-limits.js";
import { isCleanName, sendableName } from "./name-text.js";

// The header's value: the names, outermost first, each percent-encoded as by
// `encodeURIComponent` (so a comma or a space inside a name is `%2C`/`%20`),
// joined by commas. Plain ASCII, so its length in characters is its size in
// bytes.

const ELISION = encodeURIComponent("…");

/**
 * The header value for `names`, within `limits`; `undefined` when there is
 * nothing to send. A chain too long for the limits keeps its outermost and
 * innermost names, with one "…" name where the middle was.
 */
export function encodeChain(
  names: readonly string[],
  limits: ThroughlineHeaderLimits,
): string | undefined {
  if (names.length === 0) return undefined;
  const items = names.map((name) => encodeURIComponent(sendableName(name, limits.maxNameLength)));
  let bytes = items.length - 1;
  for (const item of items) bytes += item.length;
  if (items.length <= limits.maxNames && bytes <= limits.maxHeaderBytes) return items.join(",");
  return elided(items, limits);
}

function elided(items: string[], limits: ThroughlineHeaderLimits): string | undefined {
  const head: string[] = [];
  const tail: string[] = [];
  let bytes = ELISION.length;
  if (bytes > limits.maxHeaderBytes) return undefined;
  let first = 0;
  let last = items.length - 1;
  // Alternate ends, outermost first: the origin and the immediate caller are
  // the names worth keeping.
  while (head.length + tail.length + 1 < limits.maxNames && first <= last) {
    const fromHead = head.length <= tail.length;
    const item = items[fromHead ? first : last] as string;
    if (bytes + item.length + 1 > limits.maxHeaderBytes) break;
    bytes += item.length + 1;
    if (fromHead) {
      head.push(item);
      first++;
    } else {
      tail.push(item);
      last--;
    }
  }
  return [...head, ELISION, ...tail.reverse()].join(",");
}

/**
 * The names in an incoming header value, or `undefined` when there are none
 * or the value breaks any rule: all or nothing, so a chain is either carried
 * faithfully or not at all. Never throws, whatever `raw` is.
 *
 * Rules: a string, or an array of strings (repeated header lines, joined with
 * commas as HTTP allows); at most `maxHeaderBytes` in all; only visible ASCII
 * (a decoded name may be any Unicode); empty list elements are skipped, as
 * HTTP asks; at most `maxNames` names; each a valid percent-encoding of UTF-8
 * that decodes to at most `maxNameLength` code units with no control, line
 * separator or invisible format (Unicode category Cf) characters.
 */
export function decodeChain(
  raw: unknown,
  limits: ThroughlineHeaderLimits,
): readonly string[] | undefined {
  const value = headerText(raw, limits);
  if (value === undefined) return undefined;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    // Tab and space are allowed only around list elements (trimmed below).
    if ((code < 0x21 || code > 0x7e) && code !== 0x20 && code !== 0x09) return undefined;
  }
  const names: string[] = [];
  for (const part of value.split(",")) {
    // Only space and tab are left to trim: the check above refused other whitespace.
    const item = part.trim();
    if (item.length === 0) continue;
    if (names.length === limits.maxNames || item.includes(" ") || item.includes("\t")) {
      return undefined;
    }
    // Visible ASCII needs no decoding and holds no forbidden character.
    let name = item;
    if (item.includes("%")) {
      try {
        name = decodeURIComponent(item);
      } catch {
        return undefined;
      }
      if (!isCleanName(name)) return undefined;
    }
    if (name.length > limits.maxNameLength) return undefined;
    names.push(name);
  }
  return names.length === 0 ? undefined : Object.freeze(names);
}

function headerText(raw: unknown, limits: ThroughlineHeaderLimits): string | undefined {
  if (typeof raw === "string") return raw.length > limits.maxHeaderBytes ? undefined : raw;
  if (!Array.isArray(raw)) return undefined;
  // Checked before joining, so a huge array costs nothing to refuse.
  if (raw.length > limits.maxHeaderBytes) return undefined;
  let bytes = raw.length - 1;
  for (const part of raw) {
    if (typeof part !== "string") return undefined;
    bytes += part.length;
    if (bytes > limits.maxHeaderBytes) return undefined;
  }
  return raw.join(",");
}

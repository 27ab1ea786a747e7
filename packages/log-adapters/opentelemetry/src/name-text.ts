/**
 * Characters a name may not carry across a process boundary: C0 and C1
 * controls (a newline in a name could forge a line in a text log), the
 * Unicode line and paragraph separators, and the bidirectional marks,
 * overrides and isolates that can make a log line read differently from what
 * it says.
 */
export function isForbiddenInName(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Whether `name` is free of forbidden characters (see {@link isForbiddenInName}). */
export function isCleanName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    if (isForbiddenInName(name.charCodeAt(i))) return false;
  }
  return true;
}

const REPLACEMENT = "\uFFFD";
const ELLIPSIS = "…";

/**
 * A local name made fit to send: forbidden characters and lone surrogates
 * (which `encodeURIComponent` throws on) become U+FFFD, an empty name becomes
 * U+FFFD (an empty list element is skipped by receivers), and a name longer
 * than `maxLength` is cut, without splitting a surrogate pair, and ends in "…".
 */
export function sendableName(name: string, maxLength: number): string {
  let text = name;
  if (text.length === 0) return REPLACEMENT;
  if (text.length > maxLength) {
    let cut = maxLength - 1;
    if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
    text = text.slice(0, cut) + ELLIPSIS;
  }
  let out: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let bad = isForbiddenInName(code);
    if (!bad && isHighSurrogate(code)) {
      if (i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
        if (out !== undefined) out += text.slice(i, i + 2);
        i++;
        continue;
      }
      bad = true;
    } else if (!bad && isLowSurrogate(code)) {
      bad = true;
    }
    if (bad) {
      out = (out ?? text.slice(0, i)) + REPLACEMENT;
    } else if (out !== undefined) {
      out += text[i];
    }
  }
  return out ?? text;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Characters a name may not carry across a process boundary: controls
 * (category Cc: a newline in a name could forge a line in a text log), the
 * line and paragraph separators (Zl, Zp), and every invisible format
 * character (Cf): the bidirectional marks, overrides and isolates that make
 * a log line read differently from what it says, zero-width spaces and
 * joiners, the byte-order mark, invisible operators such as U+2062, and the
 * tag characters U+E0000-E007F that can spell out hidden text.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Whether the code point `code` may not appear in a name (see {@link FORBIDDEN}). */
export function isForbiddenInName(code: number): boolean {
  // Visible ASCII, the common case, needs no lookup.
  if (code >= 0x20 && code < 0x7f) return false;
  return FORBIDDEN.test(String.fromCodePoint(code));
}

/** Whether `name` is free of forbidden characters (see {@link isForbiddenInName}). */
export function isCleanName(name: string): boolean {
  return !FORBIDDEN.test(name);
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
    const paired =
      isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1));
    const width = paired ? 2 : 1;
    // A pair is checked as its code point: the tag characters live past U+FFFF.
    const bad = paired
      ? isForbiddenInName(text.codePointAt(i) as number)
      : isHighSurrogate(code) || isLowSurrogate(code) || isForbiddenInName(code);
    if (bad) {
      out = (out ?? text.slice(0, i)) + REPLACEMENT;
    } else if (out !== undefined) {
      out += text.slice(i, i + width);
    }
    i += width - 1;
  }
  return out ?? text;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

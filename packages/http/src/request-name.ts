/** The longest request path a name keeps; a longer one is cut and ends with `…`. */
const MAX_PATH = 120;
/** Methods are tokens (RFC 9110); anything longer than this is no real method. */
const MAX_METHOD = 20;

/**
 * Control characters (C0, DEL, C1), invisible format characters (zero-width
 * spaces and joiners, bidirectional controls, the BOM, tag characters), line
 * and paragraph separators and lone surrogates: nothing a log line should
 * carry unseen. Each becomes U+FFFD, so that a tampered name shows it was.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
const NOT_TOKEN = /[^A-Za-z0-9!#$%&'*+.^_`|~-]/g;

/**
 * The name a request's task gets: its method and path, `"GET /jobs/42"`.
 * The query string and fragment are left out (they often carry tokens),
 * and the name is safe to log however hostile the request: at most 20
 * characters of method (token characters only), at most 120 of path, no
 * control or invisible characters (each becomes U+FFFD).
 *
 * Takes a `node:http` request (whose `url` is a path) or a fetch-API
 * `Request` (whose `url` is absolute), or anything with those two fields.
 *
 * @example
 * ```ts
 * import { requestName } from "@gentletask/http";
 *
 * requestName({ method: "GET", url: "/jobs/42?token=secret" }); // "GET /jobs/42"
 * requestName(new Request("http://127.0.0.1/health")); // "GET /health"
 * ```
 */
export function requestName(request: {
  readonly method?: unknown;
  readonly url?: unknown;
}): string {
  let method: unknown;
  let url: unknown;
  try {
    method = request.method;
    url = request.url;
  } catch {
    // A request whose fields cannot be read still gets a name.
  }
  return `${safeMethod(method)} ${safePath(url)}`;
}

/** Makes any name safe for the throughline and logs, as {@link requestName} does; for custom names. */
export function safeName(name: string): string {
  return cut(name.replace(UNSAFE, "\uFFFD"), MAX_METHOD + 1 + MAX_PATH);
}

/** Cuts by code points, so that a surrogate pair is never split. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = [...text];
  return points.length > max ? `${points.slice(0, max).join("")}…` : text;
}

function safeMethod(method: unknown): string {
  if (typeof method !== "string" || method === "") return "?";
  return cut(method.replace(NOT_TOKEN, "\uFFFD"), MAX_METHOD);
}

function safePath(url: unknown): string {
  if (typeof url !== "string" || url === "") return "/";
  let path = url;
  if (!url.startsWith("/")) {
    // An absolute URL (a fetch-API request) or a proxy's absolute-form target.
    try {
      path = new URL(url).pathname;
    } catch {
      path = url;
    }
  }
  const end = path.search(/[?#]/);
  if (end !== -1) path = path.slice(0, end);
  return cut(path.replace(UNSAFE, "\uFFFD"), MAX_PATH);
}

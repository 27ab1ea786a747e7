import { requestName } from "@gentletask/http";
import { expect, test } from "vitest";

test("a name is the method and the path, without query string or fragment", () => {
  expect(requestName({ method: "GET", url: "/jobs/42?token=secret#x" })).toBe("GET /jobs/42");
  expect(requestName({ method: "POST", url: "/" })).toBe("POST /");
  expect(requestName(new Request("http://127.0.0.1:8080/health?probe=1"))).toBe("GET /health");
  expect(requestName({ method: "OPTIONS", url: "*" })).toBe("OPTIONS *");
});

test("hostile methods and URLs give bounded names with no control or invisible characters", () => {
  expect(requestName({ method: "GET\r\nX-Evil: 1", url: "/a" })).toBe(
    "GET\uFFFD\uFFFDX-Evil\uFFFD\uFFFD1 /a",
  );
  const invisible = "/a\u200b\u200e\u202e\u2066\ufeff\u2062\u{e0041}\u2028\u0085\u0007b";
  expect(requestName({ method: "GET", url: invisible })).toBe(`GET /a${"\uFFFD".repeat(10)}b`);
  const long = requestName({ method: "M".repeat(100), url: `/${"😀".repeat(300)}` });
  expect(long).toBe(`${"M".repeat(20)}… /${"😀".repeat(119)}…`);
  expect(requestName({ method: 5, url: null })).toBe("? /");
  expect(requestName({})).toBe("? /");
  const throwing = {
    get method(): string {
      throw new Error("no");
    },
  };
  expect(requestName(throwing)).toBe("? /");
  // Not a path and no URL either: kept as it is, made safe all the same.
  expect(requestName({ method: "GET", url: "http://[bad\n" })).toBe("GET http://[bad\uFFFD");
});

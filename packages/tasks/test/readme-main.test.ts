import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { CHILD_KILL_MS, CHILD_TEST_MS } from "../../../test-support/child-deadlines.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const loader = fileURLToPath(
  new URL("../../../test-support/register-ts-source.mjs", import.meta.url),
);

test(
  "examples/main.ts (in the README) stops cleanly on SIGINT and exits 130",
  () => {
    // main() listens for real signals and sets the exit code: a process of its own.
    const result = spawnSync(
      process.execPath,
      ["--conditions=@gentletask/source", "--import", loader, "examples/main.ts"],
      { cwd: packageDir, encoding: "utf8", timeout: CHILD_KILL_MS },
    );
    expect(result.stderr).toBe(
      'main: SIGINT received, no shutdown hooks to run\nmain: stopping "service" (SIGINT); cleanup may run for up to 10000 ms\n',
    );
    expect(result.stdout.replace(/\d+\.\ds/g, "T")).toBe(
      "service  running  T\n└─ poller  running  T\n\npoller cleaned up\n",
    );
    expect(result.status).toBe(130);
  },
  CHILD_TEST_MS,
);

test(
  "examples/shutdown-phases.ts (in the README): hooks, drain, then stop, one line each",
  () => {
    const result = spawnSync(
      process.execPath,
      ["--conditions=@gentletask/source", "--import", loader, "examples/shutdown-phases.ts"],
      { cwd: packageDir, encoding: "utf8", timeout: CHILD_KILL_MS },
    );
    expect(result.stdout).toBe("quick finished\nslow stopped: SIGTERM\n");
    expect(result.stderr).toBe(
      [
        "main: SIGTERM received, running 1 shutdown hook",
        "main: draining for up to 200 ms while in-flight work finishes",
        'main: drain time of 200 ms is up, stopping "service" (SIGTERM); cleanup may run for up to 10000 ms',
        "",
      ].join("\n"),
    );
    expect(result.status).toBe(143);
  },
  CHILD_TEST_MS,
);

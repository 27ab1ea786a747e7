import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { CHILD_KILL_MS, CHILD_TEST_MS } from "../../../test-support/child-deadlines.ts";
import { readmeExamples } from "../../../test-support/readme-examples.ts";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const loader = fileURLToPath(
  new URL("../../../test-support/register-ts-source.mjs", import.meta.url),
);

/** Runs an example file in a process of its own: main() listens for real signals. */
function run(file: string) {
  return spawnSync(
    process.execPath,
    ["--conditions=@gentletask/source", "--import", loader, `examples/${file}`],
    { cwd: packageDir, encoding: "utf8", timeout: CHILD_KILL_MS },
  );
}

test("the README's code blocks are exactly the example files", () => {
  const examples = readmeExamples(new URL("../README.md", import.meta.url));
  expect(examples.map((example) => example.file)).toEqual([
    "examples/quick-start.ts",
    "examples/express.ts",
    "examples/fastify.ts",
    "examples/fetch-api.ts",
  ]);
  for (const example of examples) expect(example.readmeCode).toBe(example.fileCode);
});

test(
  "quick start: the request in flight at SIGINT is answered from its task, then the service stops",
  () => {
    const result = run("quick-start.ts");
    expect(result.stdout).toBe('["service","GET /jobs/42"]\n');
    expect(result.stderr).toBe(
      [
        "main: SIGINT received, running 1 shutdown hook",
        "main: draining for up to 1000 ms while in-flight work finishes",
        'main: in-flight work done, stopping "service" (SIGINT); cleanup may run for up to 10000 ms',
        "",
      ].join("\n"),
    );
    expect(result.status).toBe(130);
  },
  CHILD_TEST_MS,
);

test(
  "Express: an app is a listener; each request is a task",
  () => {
    const result = run("express.ts");
    expect(result.stdout).toBe("{ id: '7', chain: [ 'api', 'GET /users/7' ] }\n");
    expect(result.status).toBe(143);
  },
  CHILD_TEST_MS,
);

test(
  "Fastify: through serverFactory; each request is a task",
  () => {
    const result = run("fastify.ts");
    expect(result.stdout).toBe("{ ok: true, chain: [ 'api', 'GET /health' ] }\n");
    expect(result.status).toBe(143);
  },
  CHILD_TEST_MS,
);

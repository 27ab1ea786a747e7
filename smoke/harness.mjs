// A test harness small enough to run unchanged on Node, Bun and Deno: no
// node:test, no vitest; tests run one after another, each bounded by a
// deadline, and the run ends with the line `N passed, M failed`.
const tests = [];

export function test(name, fn) {
  tests.push({ name, fn });
}

// A bound for a test that hangs, not a measure of speed: a child process of
// Bun or Deno may take many seconds to start on a loaded machine.
const TEST_DEADLINE_MS = 90_000;

function withinDeadline(promise, name) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`"${name}" did not finish within ${TEST_DEADLINE_MS} ms`)),
      TEST_DEADLINE_MS,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The runtime this process is, as the results name it: `node 20.20.2`, `bun 1.4.5`, `deno 2.9.6`. */
export function runtimeName() {
  if (typeof globalThis.Deno !== "undefined") return `deno ${globalThis.Deno.version.deno}`;
  if (typeof globalThis.Bun !== "undefined") return `bun ${globalThis.Bun.version}`;
  return `node ${process.versions.node}`;
}

export async function run() {
  let passed = 0;
  let failed = 0;
  console.log(`smoke suite on ${runtimeName()}`);
  for (const { name, fn } of tests) {
    try {
      await withinDeadline(Promise.resolve().then(fn), name);
      passed += 1;
      console.log(`ok    ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL  ${name}\n${error?.stack ?? error}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

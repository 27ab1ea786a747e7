// One package's vitest suite on a given Node binary, counted from vitest's
// JSON report (written to a temp file, so nothing lands in the package).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { capture } from "./steps.mjs";
import { root } from "./toolchain.mjs";

const vitestCli = join(root, "node_modules", "vitest", "vitest.mjs");

/** Whether the package has a vitest suite (its `test` script runs `vitest run`). */
export function hasVitestSuite(pkg) {
  return /^vitest run(\s|$)/.test(pkg.manifest.scripts?.test ?? "");
}

/**
 * Runs the package's suite with `nodeBinary` (children that call `node` get
 * the same one, through PATH) and resolves with the step result and counts.
 */
export async function runVitest(pkg, nodeBinary, env) {
  const scratch = mkdtempSync(join(tmpdir(), "gentletask-vitest-"));
  const reportFile = join(scratch, "report.json");
  const extraArgs = pkg.manifest.scripts.test.replace(/^vitest run\s*/, "").split(/\s+/);
  try {
    const result = await capture(
      nodeBinary,
      [
        vitestCli,
        "run",
        ...extraArgs.filter(Boolean),
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${reportFile}`,
      ],
      {
        cwd: join(root, pkg.dir),
        env: { ...env, PATH: `${dirname(nodeBinary)}${delimiter}${env.PATH ?? ""}` },
      },
    );
    // The JSON reporter announces its file; that file is ours, not the reader's.
    result.output = result.output.replace(/^JSON report written to .*\n/gm, "");
    if (!existsSync(reportFile)) return { ...result, ok: false, counts: { passed: 0, failed: 0 } };
    const report = JSON.parse(readFileSync(reportFile, "utf8"));
    // A test file that failed to load has no tests of its own: count it.
    const unloaded = report.testResults.filter(
      (file) => file.status === "failed" && file.assertionResults.length === 0,
    ).length;
    const counts = { passed: report.numPassedTests, failed: report.numFailedTests + unloaded };
    return { ...result, ok: result.ok && counts.failed === 0, counts };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

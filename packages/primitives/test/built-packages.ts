import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = [
  "../dist/index.js",
  "../../tasks/dist/index.js",
  "../../semantic-stack/dist/task-record.js",
];

/**
 * Child-process checks run plain Node against the built packages (the build
 * runs before the tests in CI); fail clearly when they are missing.
 */
export function requireBuild(): void {
  const missing = built.filter(
    (path) => !existsSync(fileURLToPath(new URL(path, import.meta.url))),
  );
  if (missing.length > 0) {
    throw new Error(
      `build the packages first (pnpm --filter @gentletask/primitives... build); missing ${missing.join(", ")}`,
    );
  }
}

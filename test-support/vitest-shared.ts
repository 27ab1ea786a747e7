import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const sourceConditions = ["@gentletask/source", "node", "import", "default"];

/**
 * The vitest configuration every package shares: tests run against sibling
 * packages' TypeScript sources (through the `@gentletask/source` export
 * condition), with the unhandled-rejection guard. `scripts/test-all.mjs` adds a
 * JSON reporter of its own, writing outside the package, to count the results.
 */
export function packageTestConfig(configUrl: string, overrides: { testTimeout?: number } = {}) {
  const root = fileURLToPath(new URL(".", configUrl));
  return defineConfig({
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions, externalConditions: ["@gentletask/source"] } },
    test: {
      root,
      include: ["test/**/*.test.ts"],
      setupFiles: [fileURLToPath(new URL("./no-unhandled-rejections.ts", import.meta.url))],
      testTimeout: overrides.testTimeout ?? 20_000,
      hookTimeout: 20_000,
    },
  });
}

import { fileURLToPath } from "node:url";
import { packageTestConfig } from "../../test-support/vitest-shared.ts";

// The tests' own code runs the workspace's TypeScript sources, but the worker
// threads they start run the built packages (see `src/sibling-module.ts`). A
// thread inherits the test process's `execArgv`, in which vitest lists its
// SSR resolve conditions; so the `@gentletask/source` condition must not be
// one of them (a thread would then import `.ts` and fail). The sources are
// mapped by alias instead, for the test process alone.
const source = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const alias = [
  { find: /^@gentletask\/semantic-stack$/, replacement: source("semantic-stack/src/index.ts") },
  {
    find: /^@gentletask\/semantic-stack\/task-record$/,
    replacement: source("semantic-stack/src/task-record.ts"),
  },
  { find: /^@gentletask\/tasks$/, replacement: source("tasks/src/index.ts") },
  { find: /^@gentletask\/primitives$/, replacement: source("primitives/src/index.ts") },
  { find: /^@gentletask\/threads$/, replacement: source("threads/src/index.ts") },
  { find: /^@gentletask\/threads\/piscina$/, replacement: source("threads/src/piscina/index.ts") },
  { find: /^@gentletask\/pino$/, replacement: source("log-adapters/pino/src/index.ts") },
  { find: /^@gentletask\/winston$/, replacement: source("log-adapters/winston/src/index.ts") },
];

const shared = packageTestConfig(import.meta.url);
const conditions = ["node", "import", "default"];
export default {
  ...shared,
  resolve: { alias, conditions },
  ssr: { resolve: { conditions, externalConditions: [] } },
};

import { packageTestConfig } from "../../test-support/vitest-shared.ts";

// The batches run in child processes with their own deadlines; this bound
// only catches a runner that itself got stuck.
export default packageTestConfig(import.meta.url, { testTimeout: 150_000 });

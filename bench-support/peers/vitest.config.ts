import { packageTestConfig } from "../../test-support/vitest-shared.ts";

export default packageTestConfig(import.meta.url, { testTimeout: 60_000 });

// The smoke suite of the built packages, run as a user's program would run
// them: `node smoke/run.mjs`, `bun --no-install smoke/run.mjs`, or
// `deno run -A --node-modules-dir=manual smoke/run.mjs`, from a folder where
// the packages are installed. Ends with `N passed, M failed`.
import "./tasks.smoke.mjs";
import "./main.smoke.mjs";
import "./pino.smoke.mjs";
import { run } from "./harness.mjs";

await run();

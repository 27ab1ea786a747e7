#!/usr/bin/env node
// `pnpm run docs`: the API reference of every public package (found from the
// workspace, as check-tsdoc does), built by TypeDoc with typedoc.json.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { publicApiPackages } from "./lib/api-entry-points.mjs";
import { root } from "./lib/toolchain.mjs";

const typedoc = join(root, "node_modules", "typedoc", "bin", "typedoc");
const entryPoints = publicApiPackages().flatMap((pkg) => ["--entryPoints", pkg.dir]);
const result = spawnSync(process.execPath, [typedoc, ...entryPoints, ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
process.exit(result.status ?? 1);

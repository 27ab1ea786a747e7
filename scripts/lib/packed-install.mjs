// Packs every public workspace package the way it would be published
// (`pnpm pack`, which turns `workspace:` ranges into versions) and installs
// the tarballs with npm into a fresh folder outside the workspace, as a user
// would. The packaging test and the Bun/Deno smoke suite run from there.
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { capture } from "./steps.mjs";
import { root } from "./toolchain.mjs";
import { workspacePackages } from "./workspace.mjs";

/** The packages a user can install: every workspace package not marked private. */
export function publicPackages() {
  return workspacePackages().filter((pkg) => pkg.manifest.private !== true);
}

/** Packs each public package into `destination`; resolves with the step result and tarball paths. */
export async function packAll(destination, env) {
  mkdirSync(destination, { recursive: true });
  let output = "";
  let ms = 0;
  for (const pkg of publicPackages()) {
    const packed = await capture("pnpm", ["pack", "--pack-destination", destination], {
      cwd: join(root, pkg.dir),
      env,
    });
    output += packed.output;
    ms += packed.ms;
    if (!packed.ok) return { ok: false, output, ms, tarballs: [] };
  }
  const tarballs = readdirSync(destination)
    .filter((name) => name.endsWith(".tgz"))
    .map((name) => join(destination, name));
  return { ok: true, output, ms, tarballs };
}

/**
 * A fresh app folder with the tarballs, their peers (pino, winston,
 * OpenTelemetry's API, resolved from the registry as a user's npm would)
 * and `@types/node` installed; resolves with the step result and the folder.
 */
export async function installPacked(env) {
  const scratch = mkdtempSync(join(tmpdir(), "gentletask-packed-"));
  const packed = await packAll(join(scratch, "tarballs"), env);
  if (!packed.ok) return { ...packed, scratch };
  const app = join(scratch, "app");
  mkdirSync(app);
  writeFileSync(
    join(app, "package.json"),
    `${JSON.stringify({ name: "packed-app", private: true, type: "module" }, null, 2)}\n`,
  );
  const installed = await capture(
    "npm",
    [
      "install",
      ...packed.tarballs,
      "pino@^10",
      "@types/node@^20.19",
      "--no-fund",
      "--no-audit",
      "--prefer-offline",
      "--loglevel=error",
    ],
    { cwd: app, env },
  );
  return {
    ok: installed.ok,
    output: packed.output + installed.output,
    ms: packed.ms + installed.ms,
    scratch,
    app,
  };
}

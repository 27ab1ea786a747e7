// Which entry points make up the API reference: each public package's
// `src/index.ts`, unless the package's own typedoc.json lists others. Other
// subpath exports (such as `@gentletask/semantic-stack/task-record`) serve
// sibling packages and stay out of the reference.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./toolchain.mjs";
import { workspacePackages } from "./workspace.mjs";

export function publicApiPackages() {
  return workspacePackages().filter(
    (pkg) => pkg.manifest.private !== true && existsSync(join(root, pkg.dir, "src", "index.ts")),
  );
}

/** `[{ specifier, file }]`: the import specifier and source file of each documented entry. */
export function apiEntryPoints(pkg) {
  const config = join(root, pkg.dir, "typedoc.json");
  const files = existsSync(config)
    ? (JSON.parse(readFileSync(config, "utf8")).entryPoints ?? ["src/index.ts"])
    : ["src/index.ts"];
  const exportsField = pkg.manifest.exports ?? {};
  return files.map((file) => {
    const subpath = Object.entries(exportsField).find(
      ([, target]) => typeof target === "object" && target["@gentletask/source"] === `./${file}`,
    )?.[0];
    const specifier =
      subpath === undefined || subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
    return { specifier, file: join(root, pkg.dir, file) };
  });
}

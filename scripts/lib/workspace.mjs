// The workspace's packages, found from pnpm-workspace.yaml, so a package
// added under packages/* is picked up by every script without editing them.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "./toolchain.mjs";

function workspaceGlobs() {
  const text = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
  return [...text.matchAll(/^\s*-\s*["']?([^"'\s#]+)["']?/gm)].map((match) => match[1]);
}

function expand(glob) {
  if (!glob.endsWith("/*")) return [glob];
  const parent = glob.slice(0, -2);
  if (!existsSync(join(root, parent))) return [];
  return readdirSync(join(root, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${parent}/${entry.name}`);
}

/**
 * Every workspace package as `{ dir, name, manifest }` (dir relative to the
 * root), dependencies before their dependents, so results read in build order.
 */
export function workspacePackages() {
  const found = workspaceGlobs()
    .flatMap(expand)
    .filter((dir) => existsSync(join(root, dir, "package.json")))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
      return { dir, name: manifest.name, manifest };
    });
  const byName = new Map(found.map((pkg) => [pkg.name, pkg]));
  const ordered = [];
  const seen = new Set();
  const visit = (pkg) => {
    if (seen.has(pkg.name)) return;
    seen.add(pkg.name);
    const { dependencies = {}, devDependencies = {}, peerDependencies = {} } = pkg.manifest;
    for (const dep of Object.keys({ ...dependencies, ...devDependencies, ...peerDependencies })) {
      const sibling = byName.get(dep);
      if (sibling !== undefined) visit(sibling);
    }
    ordered.push(pkg);
  };
  for (const pkg of [...found].sort((a, b) => a.dir.localeCompare(b.dir))) visit(pkg);
  return ordered;
}

/** The short name results are listed under: `tasks`, `pino`, `examples`. */
export function shortName(pkg) {
  return pkg.name.replace(/^@gentletask\//, "");
}

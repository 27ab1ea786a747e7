import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A README code block that stands for an example file the tests run. */
export interface ReadmeExample {
  readonly file: string;
  readonly readmeCode: string;
  readonly fileCode: string;
}

/**
 * Finds the code blocks in `readme` that follow an `<!-- example: path -->`
 * marker, and pairs each with the file it names (relative to the README), so
 * a test can check the README shows exactly the code that runs.
 */
export function readmeExamples(readmeUrl: URL): ReadmeExample[] {
  const text = readFileSync(readmeUrl, "utf8");
  const examples: ReadmeExample[] = [];
  const marker = /<!-- example: (\S+) -->\s*```(?:ts|typescript|js)\n([\s\S]*?)```/g;
  for (const match of text.matchAll(marker)) {
    const file = match[1] as string;
    examples.push({
      file,
      readmeCode: (match[2] as string).trim(),
      fileCode: readFileSync(fileURLToPath(new URL(file, readmeUrl)), "utf8").trim(),
    });
  }
  return examples;
}

/** Runs `load` with console.log captured, and returns the logged lines (args joined by spaces, JSON for non-strings). */
export async function captureLogs(load: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => {
    lines.push(args.map((arg) => (typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
  };
  try {
    await load();
  } finally {
    console.log = original;
  }
  return lines;
}

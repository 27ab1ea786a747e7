// What a user does first with the installed tarballs: run the root README's
// examples as plain ESM, and typecheck them with tsc against the installed
// packages' own type declarations.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import ts from "typescript";
import { capture } from "./steps.mjs";
import { root } from "./toolchain.mjs";

/** The files the root README shows (after `<!-- example: path -->` markers). */
export function readmeExampleFiles() {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  return [...readme.matchAll(/<!-- example: (\S+) -->/g)].map((match) => match[1]);
}

/** What each README example must print, beyond exiting with 0. */
const expectedOutput = {
  "ten-lines.ts": (stdout) => {
    const lines = stdout.trim().split("\n");
    return (
      lines.length >= 2 &&
      lines
        .slice(0, -1)
        .every((line) => line === "[ 'acquisition', 'calibrate' ] measuring offset") &&
      lines.at(-1) === "[ 'acquisition', 'calibrate' ] sensor released"
    );
  },
  "logging.ts": (stdout) =>
    stdout === '{"level":30,"throughline":["acquisition","calibrate"],"msg":"measuring offset"}\n',
};

/** Runs each README example, transpiled to `.mjs`, with `node` in the app folder. */
export async function runReadmeExamples(app, env) {
  const results = [];
  for (const file of readmeExampleFiles()) {
    const name = basename(file);
    const { outputText } = ts.transpileModule(readFileSync(join(root, file), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const script = join(app, name.replace(/\.ts$/, ".mjs"));
    writeFileSync(script, outputText);
    const result = await capture(process.execPath, [script], { cwd: app, env });
    const check = expectedOutput[name];
    const printed = check === undefined || check(result.output);
    results.push({
      name,
      ...result,
      ok: result.ok && printed,
      output: printed ? result.output : `unexpected output:\n${result.output}`,
    });
  }
  return results;
}

/** Typechecks the README examples with the workspace's tsc against what npm installed. */
export async function typecheckReadmeExamples(app, env) {
  const dir = join(app, "typed");
  mkdirSync(dir, { recursive: true });
  for (const file of readmeExampleFiles()) cpSync(join(root, file), join(dir, basename(file)));
  // The declarations must be real types, not `any`: a wrong call must fail.
  writeFileSync(
    join(dir, "types-are-real.ts"),
    [
      'import { Queue } from "@gentletask/primitives";',
      'import { spawn, type Task } from "@gentletask/tasks";',
      "",
      "const task = spawn(async () => 42);",
      "const asTask: Task<number> = task;",
      "const answer: number = await task;",
      "console.log(asTask.isDone);",
      "const names = new Queue<string>();",
      "await names.put(String(answer));",
      "// @ts-expect-error a Queue<string> takes strings only",
      "await names.put(answer);",
      "// @ts-expect-error spawn takes a function",
      "spawn(42);",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(app, "tsconfig.json"),
    `${JSON.stringify(
      {
        compilerOptions: {
          target: "es2022",
          module: "nodenext",
          moduleResolution: "nodenext",
          types: ["node"],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        include: ["typed"],
      },
      null,
      2,
    )}\n`,
  );
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  return capture(process.execPath, [tsc, "-p", join(app, "tsconfig.json")], { cwd: app, env });
}

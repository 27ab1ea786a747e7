#!/usr/bin/env node
// Checks the TSDoc of every public package: each public class, function and
// interface has an `@example`, each exported name and each member a
// description, and every `@example` compiles. The examples are extracted
// into temp files and typechecked with tsc against the workspace sources.
// Usage: node scripts/check-tsdoc.mjs [--list] (--list prints gaps only and exits 0).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { apiEntryPoints, publicApiPackages } from "./lib/api-entry-points.mjs";
import { asModule, trimmedLines, typecheckedExampleFiles } from "./lib/example-modules.mjs";
import { root } from "./lib/toolchain.mjs";

// Packages whose gaps are listed but do not fail the check yet: none now.
// A package may be listed here only while another branch owns its sources.
const NOT_YET_ENFORCED = new Set([]);

const listOnly = process.argv.includes("--list");
const packages = publicApiPackages();
const entries = packages.flatMap((pkg) => apiEntryPoints(pkg).map((entry) => ({ pkg, ...entry })));

const sourceOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2023.d.ts"],
  types: ["node"],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  customConditions: ["@gentletask/source"],
};
const program = ts.createProgram(
  entries.map((entry) => entry.file),
  sourceOptions,
);
const checker = program.getTypeChecker();

const gaps = []; // { pkg, where, what }
const examples = []; // { pkg, where, code }

function where(declaration) {
  const file = declaration.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(declaration.getStart());
  return `${relative(root, file.fileName)}:${line + 1}`;
}

function isOurs(declaration) {
  const file = relative(root, declaration.getSourceFile().fileName);
  return !file.startsWith("..") && !file.includes("node_modules");
}

const hasDescription = (symbol) =>
  ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() !== "";

function exampleTags(declaration) {
  return ts.getJSDocTags(declaration).filter((tag) => tag.tagName.text === "example");
}

/** The code in an `@example`: its fenced blocks, or the whole text when it has none. */
function exampleCode(tag) {
  const text = ts.getTextOfJSDocComment(tag.comment) ?? "";
  const fenced = [...text.matchAll(/```(?:ts|typescript|js|javascript)?\s*\n([\s\S]*?)```/g)];
  return fenced.length > 0 ? fenced.map((match) => match[1]) : [text];
}

function isHiddenMember(declaration) {
  const flags = ts.getCombinedModifierFlags(declaration);
  if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) return true;
  if (declaration.name && ts.isPrivateIdentifier(declaration.name)) return true;
  return ts
    .getJSDocTags(declaration)
    .some((tag) => ["internal", "hidden"].includes(tag.tagName.text));
}

// Every public class, function, interface and type alias; a constant that
// holds a plain value needs only its description.
const needsExample = (declaration) =>
  ts.isClassDeclaration(declaration) ||
  ts.isFunctionDeclaration(declaration) ||
  ts.isInterfaceDeclaration(declaration) ||
  ts.isTypeAliasDeclaration(declaration) ||
  (ts.isVariableDeclaration(declaration) &&
    declaration.initializer !== undefined &&
    (ts.isArrowFunction(declaration.initializer) ||
      ts.isFunctionExpression(declaration.initializer)));

function checkMembers(pkg, owner, declaration) {
  const type = ts.isClassDeclaration(declaration)
    ? [
        checker.getDeclaredTypeOfSymbol(owner),
        checker.getTypeOfSymbolAtLocation(owner, declaration),
      ]
    : [checker.getDeclaredTypeOfSymbol(owner)];
  for (const ctor of declaration.members.filter(ts.isConstructorDeclaration)) {
    if (isHiddenMember(ctor)) continue;
    const signature = checker.getSignatureFromDeclaration(ctor);
    const text = ts.displayPartsToString(signature?.getDocumentationComment(checker) ?? []);
    if (text.trim() === "") {
      gaps.push({ pkg, where: where(ctor), what: `new ${owner.getName()}(): no description` });
    }
  }
  const seen = new Set();
  for (const member of type.flatMap((t) => checker.getPropertiesOfType(t))) {
    if (seen.has(member) || member.getName() === "prototype") continue;
    seen.add(member);
    const own = (member.declarations ?? []).filter(isOurs);
    if (own.length === 0 || own.some(isHiddenMember)) continue;
    if (!hasDescription(member)) {
      gaps.push({
        pkg,
        where: where(own[0]),
        what: `${owner.getName()}.${member.getName()}: no description`,
      });
    }
  }
}

const checked = new Set();
for (const entry of entries) {
  const sourceFile = program.getSourceFile(entry.file);
  const moduleSymbol = sourceFile && checker.getSymbolAtLocation(sourceFile);
  if (moduleSymbol === undefined) {
    gaps.push({ pkg: entry.pkg, where: relative(root, entry.file), what: "entry point not found" });
    continue;
  }
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (checked.has(symbol)) continue;
    checked.add(symbol);
    const declarations = (symbol.declarations ?? []).filter(isOurs);
    if (declarations.length === 0) continue;
    const name = `${entry.specifier} ${exported.getName()}`;
    if (!hasDescription(symbol)) {
      gaps.push({ pkg: entry.pkg, where: where(declarations[0]), what: `${name}: no description` });
    }
    const tags = declarations.flatMap(exampleTags);
    if (tags.length === 0 && declarations.some(needsExample)) {
      gaps.push({ pkg: entry.pkg, where: where(declarations[0]), what: `${name}: no @example` });
    }
    for (const tag of tags) {
      for (const code of exampleCode(tag)) {
        examples.push({ pkg: entry.pkg, where: where(tag), name, code });
      }
    }
    for (const declaration of declarations) {
      if (ts.isClassDeclaration(declaration) || ts.isInterfaceDeclaration(declaration)) {
        checkMembers(entry.pkg, symbol, declaration);
      }
    }
  }
}

/** Every public name by the module that exports it, for examples that leave imports out. */
const exportedFrom = new Map();
for (const entry of entries) {
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry.file));
  for (const exported of moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : []) {
    if (!exportedFrom.has(exported.getName()))
      exportedFrom.set(exported.getName(), entry.specifier);
  }
}

function compileExamples() {
  // Inside pnpm's hoisted node_modules, so the examples resolve every
  // dependency of the workspace (pino, winston, OpenTelemetry) and each
  // workspace package (through its source export condition) as a user's code would.
  const scratch = mkdtempSync(
    join(root, "node_modules", ".pnpm", "node_modules", ".tsdoc-examples-"),
  );
  try {
    writeFileSync(join(scratch, "package.json"), '{ "type": "module" }\n');
    const files = new Map();
    const exampleFiles = new Map(packages.map((pkg) => [pkg, typecheckedExampleFiles(pkg)]));
    examples.forEach((example, index) => {
      const snippet = trimmedLines(example.code);
      if (exampleFiles.get(example.pkg).some(({ lines }) => lines.includes(snippet))) return;
      const dir = join(scratch, example.pkg.dir.replaceAll("/", "_"));
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `example-${index}.ts`);
      writeFileSync(file, asModule(example.code, exportedFrom));
      files.set(file, example);
    });
    const exampleProgram = ts.createProgram([...files.keys()], sourceOptions);
    const failures = new Map();
    for (const diagnostic of ts.getPreEmitDiagnostics(exampleProgram)) {
      const example = diagnostic.file && files.get(diagnostic.file.fileName);
      if (example === undefined) {
        gaps.push({
          pkg: packages[0],
          where: "tsc",
          what: ts.flattenDiagnosticMessageText(diagnostic.messageText, " "),
        });
        continue;
      }
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
      const list = failures.get(example) ?? [];
      list.push(message);
      failures.set(example, list);
    }
    for (const [example, messages] of failures) {
      gaps.push({
        pkg: example.pkg,
        where: example.where,
        what: `${example.name}: @example does not compile: ${messages.join("; ")}`,
      });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

compileExamples();

let enforcedGaps = 0;
for (const gap of gaps) {
  const enforced = !NOT_YET_ENFORCED.has(gap.pkg.dir);
  if (enforced) enforcedGaps += 1;
  console.log(`${enforced ? "" : "(not yet enforced) "}${gap.where}  ${gap.what}`);
}
console.log(
  `${examples.length} examples in ${packages.length} packages; ${gaps.length} gaps, ${enforcedGaps} enforced`,
);
process.exitCode = enforcedGaps > 0 && !listOnly ? 1 : 0;

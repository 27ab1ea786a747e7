// How an `@example` becomes something tsc can check: a module of its own
// with the gentletask imports it leaves out, unless it is a run of lines from
// an example file that its package already typechecks and runs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { root } from "./toolchain.mjs";

/**
 * An example as a module: the public gentletask names it uses (`exportedFrom`
 * maps each to its module) but neither
 * imports nor declares are imported for it (examples show the calls; other
 * libraries' imports they must show themselves).
 */
export function asModule(code, exportedFrom) {
  const file = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2022, true);
  const bound = new Set();
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) bound.add(clause.name.text);
      const named = clause?.namedBindings;
      if (named && ts.isNamedImports(named))
        for (const el of named.elements) bound.add(el.name.text);
      if (named && ts.isNamespaceImport(named)) bound.add(named.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) bound.add(declaration.name.text);
      }
    } else if (statement.name && ts.isIdentifier(statement.name)) {
      bound.add(statement.name.text);
    }
  }
  const used = new Map();
  const visit = (node) => {
    if (ts.isIdentifier(node) && exportedFrom.has(node.text) && !bound.has(node.text)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isImportSpecifier(parent) && parent.propertyName === node);
      if (!isPropertyName) {
        const from = exportedFrom.get(node.text);
        used.set(from, new Set([...(used.get(from) ?? []), node.text]));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const imports = [...used]
    .map(([from, names]) => `import { ${[...names].sort().join(", ")} } from "${from}";`)
    .join("\n");
  return `${imports}\n${code}\nexport {};\n`;
}

/**
 * The example files of a package that its own `typecheck` covers (listed in
 * its tsconfig.json `include`), as trimmed lines: an `@example` that is a run
 * of lines from one of them compiles there, in context, and the package's
 * tests run it, so it need not compile alone.
 */
export function typecheckedExampleFiles(pkg) {
  const dir = join(root, pkg.dir);
  let include = [];
  try {
    include = JSON.parse(readFileSync(join(dir, "tsconfig.json"), "utf8")).include ?? [];
  } catch {
    return [];
  }
  const files = [];
  for (const folder of ["examples", "test/examples"]) {
    if (!include.some((entry) => folder === entry || folder.startsWith(`${entry}/`))) continue;
    if (!existsSync(join(dir, folder))) continue;
    for (const name of readdirSync(join(dir, folder), { recursive: true })) {
      if (!String(name).endsWith(".ts")) continue;
      const text = readFileSync(join(dir, folder, String(name)), "utf8");
      files.push({ file: `${pkg.dir}/${folder}/${name}`, lines: trimmedLines(text) });
    }
  }
  return files;
}

export const trimmedLines = (text) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => line.trim())
    .join("\n");

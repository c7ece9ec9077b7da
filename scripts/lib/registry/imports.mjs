// Whether the installed @keyway packages import only what they declare and npm installed.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

/** The module specifiers a JavaScript file imports, exports from or requires (TypeScript's scanner: comments and strings are skipped). */
function importsOf(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageOf = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

/**
 * Imports of the installed @keyway packages in `dir` (their dist/**.js) that name a package
 * they do not declare as a dependency, or that npm did not install: `["@keyway/x: y …"]`.
 */
export function undeclaredImports(dir) {
  const problems = [];
  const scope = join(dir, "node_modules", "@keyway");
  for (const name of existsSync(scope) ? readdirSync(scope) : []) {
    const packageDir = join(scope, name);
    const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
    const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
    for (const file of jsFiles(join(packageDir, "dist"))) {
      for (const specifier of importsOf(readFileSync(file, "utf8"))) {
        if (specifier.startsWith(".") || specifier.startsWith("node:")) continue;
        const dependency = packageOf(specifier);
        if (dependency === manifest.name) continue; // a package may import itself through its exports
        const where = `${manifest.name}/${relative(packageDir, file)}`;
        if (!declared.has(dependency))
          problems.push(`${where} imports "${specifier}", which is not in its dependencies`);
        else if (!installedFrom(packageDir, dependency))
          problems.push(`${where} imports "${specifier}", which npm did not install`);
      }
    }
  }
  return problems;
}

function jsFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return /\.(?:m|c)?js$/.test(name) ? [path] : [];
  });
}

/** Whether Node's node_modules lookup from `fromDir` finds `dependency`. */
function installedFrom(fromDir, dependency) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", dependency, "package.json"))) return true;
    if (dirname(dir) === dir) return false;
  }
}

// The security schemes a package's hand-owned client code wires, against the ones `pnpm generate` regenerates.
//
// `pnpm new-client` writes src/client.ts once, with one credential option per security scheme of the spec; `pnpm
// generate` rewrites only src/generated/. A spec that gains, loses or renames a scheme thus leaves a factory that
// refuses the new scheme's option (its operations fail with MissingCredentialError), or a build that fails with an
// opaque TS2322 about `ApiMetaType`. The schemes the code wires are read from where it wires them: the `credentials`
// and `credentialNames` objects of its createHeaderAuth calls, which name every scheme it sends a credential for.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import ts from "typescript";
import { camelCase } from "../new-client/naming.mjs";

/** @typedef {{ header: string, prefix?: string, encoding?: string, secret?: boolean }} SchemeWire */
/** @typedef {Map<string, SchemeWire>} Schemes */

/**
 * One createHeaderAuth call of a package's hand-owned code: where it is, the spec whose generated metadata it is
 * given (when its `meta` is an import from src/generated/), and the schemes its `credentials` and `credentialNames`
 * name, with the option each is set from when the code says. `open` when a key is computed or spread from something
 * this file does not define (stack-auth's `[key.scheme]`): the schemes it wires are then more than `schemes`.
 *
 * @typedef {{ file: string, line: number, spec: string | undefined, schemes: Map<string, string | undefined>, open: boolean }} Wiring
 */

/**
 * The security schemes of a generated `<spec>.meta.ts` (its `apiMeta`'s `securitySchemes`), by name, with the header
 * each fills. Read from the source, so that the metadata on disk before `generate` overwrites it names a removed
 * scheme's header too. Empty when the source has no such literal.
 *
 * @example
 * ```js
 * metaSchemes(readFileSync("packages/stacker/src/generated/stacker.meta.ts", "utf8")).get("IntegrationKey");
 * // { header: "X-Integration-Key", secret: true }
 * ```
 * @param {string} source
 * @returns {Schemes}
 */
export function metaSchemes(source) {
  const file = ts.createSourceFile("meta.ts", source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  /** @type {Schemes} */
  const schemes = new Map();
  const declaration = variableNamed(file, "apiMeta");
  const meta = declaration?.initializer && unwrapped(declaration.initializer);
  if (!meta || !ts.isObjectLiteralExpression(meta)) return schemes;
  const section = propertyValue(meta, "securitySchemes");
  if (!section || !ts.isObjectLiteralExpression(section)) return schemes;
  for (const property of section.properties) {
    const name = staticName(property);
    if (name === undefined || !ts.isPropertyAssignment(property)) continue;
    const value = unwrapped(property.initializer);
    if (!ts.isObjectLiteralExpression(value)) continue;
    const text = (/** @type {string} */ key) => {
      const field = propertyValue(value, key);
      return field && ts.isStringLiteral(field) ? field.text : undefined;
    };
    const header = text("header");
    if (header === undefined) continue;
    const prefix = text("prefix");
    const encoding = text("encoding");
    const secret = propertyValue(value, "secret")?.kind === ts.SyntaxKind.TrueKeyword;
    schemes.set(name, {
      header,
      ...(prefix ? { prefix } : {}),
      ...(encoding ? { encoding } : {}),
      ...(secret ? { secret } : {}),
    });
  }
  return schemes;
}

/**
 * Every createHeaderAuth call in the hand-owned TypeScript of `packageDir` (src/, without src/generated/ and tests),
 * and every string literal there: a wiring that is {@link Wiring.open} may name a scheme as a value
 * (`scheme: "PublishableClientKey"`) that a computed key then uses.
 *
 * @param {string} packageDir
 * @returns {{ wirings: Wiring[], literals: Set<string> }}
 */
export function clientWirings(packageDir) {
  /** @type {Wiring[]} */
  const wirings = [];
  /** @type {Set<string>} */
  const literals = new Set();
  for (const path of handOwnedSources(join(packageDir, "src"))) {
    const file = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const visit = (/** @type {ts.Node} */ node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literals.add(node.text);
      if (ts.isCallExpression(node) && calleeName(node.expression) === "createHeaderAuth") {
        const wiring = wiringOf(file, node);
        if (wiring) wirings.push(wiring);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { wirings, literals };
}

/**
 * Where each package's client code and its regenerated metadata disagree on security schemes: for each
 * createHeaderAuth call, the schemes the metadata has that the call does not wire (`added`), the ones it wires that
 * the metadata no longer has (`removed`), and the pairs of those that are one scheme renamed: the same header, or the
 * only one of each when the old header is no longer known.
 *
 * @param {string} root
 * @param {Map<string, string>} outputs the generated files, path to contents, as `generatedFiles` returns them
 * @param {Map<string, string>} previous the same paths' contents on disk before writing (absent: not there)
 */
export function schemeMismatches(root, outputs, previous) {
  /** @type {Map<string, Array<{ spec: string, schemes: Schemes, before: Schemes }>>} */
  const metasByPackage = new Map();
  for (const [path, contents] of outputs) {
    if (!path.endsWith(".meta.ts") || basename(dirname(path)) !== "generated") continue;
    const packageDir = dirname(dirname(dirname(path)));
    const old = previous.get(path);
    const metas = metasByPackage.get(packageDir) ?? [];
    metas.push({
      spec: basename(path, ".meta.ts"),
      schemes: metaSchemes(contents),
      before: old === undefined ? new Map() : metaSchemes(old),
    });
    metasByPackage.set(packageDir, metas);
  }
  const mismatches = [];
  for (const [packageDir, metas] of metasByPackage) {
    const { wirings, literals } = clientWirings(packageDir);
    for (const wiring of wirings) {
      const mine = metas.filter((meta) => wiring.spec === undefined || meta.spec === wiring.spec);
      if (mine.length === 0) continue; // its spec is not among those generated (`--only` another)
      const mismatch = compare(wiring, mine, literals);
      if (mismatch.added.length || mismatch.removed.length || mismatch.renamed.length)
        mismatches.push({ file: relative(root, wiring.file), line: wiring.line, ...mismatch });
    }
  }
  return mismatches;
}

/**
 * The lines that tell the user what to edit for each mismatch of {@link schemeMismatches}: one per scheme added,
 * removed or renamed, naming its header, the file and the change to make there.
 *
 * @param {ReturnType<typeof schemeMismatches>} mismatches
 * @returns {string[]}
 */
export function mismatchLines(mismatches) {
  return mismatches.flatMap(({ file, line, added, removed, renamed }) => {
    const call = `createHeaderAuth (line ${line})`;
    return [
      ...added.map(({ name, wire }) => {
        const option = camelCase(name) || name;
        return (
          `${file}: the spec now has security scheme \`${name}\` (${wireText(wire)}); add a credential option for it: ` +
          `\`${option}?: Credential\` (or required, if every operation needs it) in the options interface and its ` +
          `option names, \`${keyText(name)}: options.${option}\` in \`credentials\` and \`${keyText(name)}: "${option}"\` ` +
          `in \`credentialNames\` of ${call}, and a row in the package README's options table`
        );
      }),
      ...removed.map(({ name, option, wire }) => {
        const what = option
          ? `remove its credential option \`${option}\` (from the options interface and its option names) and`
          : "remove";
        return (
          `${file}: the spec no longer has security scheme \`${name}\`${wire ? ` (${wireText(wire)})` : ""}; ` +
          `${what} the key \`${name}\` from \`credentials\` and \`credentialNames\` of ${call}, and its README row`
        );
      }),
      ...renamed.map(({ from, to, wire, option }) =>
        [
          `${file}: the spec's security scheme \`${from}\` is now \`${to}\` (${wireText(wire)}); `,
          `rename the key \`${from}\` to \`${to}\` in \`credentials\` and \`credentialNames\` of ${call}`,
          option ? ` (the option \`${option}\` may keep its name)` : "",
        ].join(""),
      ),
    ];
  });
}

/**
 * The schemes `wiring` and the metadata of its spec (of every spec of its package, when the call's `meta` is not one
 * import) disagree on. A scheme of an {@link Wiring.open} wiring counts as wired when the code names it anywhere.
 *
 * @param {Wiring} wiring
 * @param {Array<{ schemes: Schemes, before: Schemes }>} metas
 * @param {Set<string>} literals
 */
function compare(wiring, metas, literals) {
  /** @type {Schemes} */
  const now = new Map(metas.flatMap((meta) => [...meta.schemes]));
  /** @type {Schemes} */
  const before = new Map(metas.flatMap((meta) => [...meta.before]));
  const wired = (/** @type {string} */ name) => wiring.schemes.has(name) || (wiring.open && literals.has(name));
  let added = [...now].filter(([name]) => !wired(name)).map(([name, wire]) => ({ name, wire }));
  let removed = [...wiring.schemes]
    .filter(([name]) => !now.has(name))
    .map(([name, option]) => ({ name, option, wire: before.get(name) }));
  const renamed = [];
  for (const gone of [...removed]) {
    const oneOfEach = removed.length === 1 && added.length === 1 && gone.wire === undefined;
    const successor = added.find(({ wire }) => oneOfEach || (gone.wire && sameWire(gone.wire, wire)));
    if (!successor) continue;
    renamed.push({ from: gone.name, to: successor.name, wire: successor.wire, option: gone.option });
    removed = removed.filter((entry) => entry !== gone);
    added = added.filter((entry) => entry !== successor);
  }
  return { added, removed, renamed };
}

/** Whether two schemes send the same credential: one header, one prefix, one encoding. @param {SchemeWire} a @param {SchemeWire} b */
function sameWire(a, b) {
  return (
    a.header.toLowerCase() === b.header.toLowerCase() &&
    (a.prefix ?? "") === (b.prefix ?? "") &&
    a.encoding === b.encoding
  );
}

/** `header Authorization, bearer`: what a scheme sends, as the user will see it on the wire. @param {SchemeWire} wire */
function wireText(wire) {
  const kind = wire.encoding ?? wire.prefix?.trim().toLowerCase();
  return `header ${wire.header}${kind ? `, ${kind}` : ""}`;
}

/** A scheme name as an object key: bare when it is an identifier. @param {string} name */
function keyText(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/**
 * The `.ts` files under `dir` a person writes: not src/generated/ (which is compared with the spec anyway), not
 * declarations, not tests.
 * @param {string} dir
 * @returns {string[]}
 */
export function handOwnedSources(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "generated" || entry.name === "node_modules" ? [] : handOwnedSources(path);
    return /\.ts$/.test(entry.name) && !/\.(?:d|test|spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * The schemes one createHeaderAuth call wires, or nothing when its options are not an object this file spells out.
 * @param {ts.SourceFile} file
 * @param {ts.CallExpression} call
 * @returns {Wiring | undefined}
 */
function wiringOf(file, call) {
  const argument = call.arguments[0] && resolved(file, call.arguments[0]);
  if (!argument || !ts.isObjectLiteralExpression(argument)) return undefined;
  const credentials = keysOf(file, propertyValue(argument, "credentials"));
  const names = keysOf(file, propertyValue(argument, "credentialNames"));
  /** @type {Map<string, string | undefined>} */
  const schemes = new Map();
  // credentialNames' values are the options; a credential read as `options.key` names its option too.
  for (const scheme of new Set([...credentials.keys.keys(), ...names.keys.keys()]))
    schemes.set(scheme, names.keys.get(scheme) ?? optionRead(credentials.values.get(scheme)));
  const meta = propertyValue(argument, "meta");
  return {
    file: file.fileName,
    line: file.getLineAndCharacterOfPosition(call.getStart(file)).line + 1,
    spec: meta && ts.isIdentifier(meta) ? generatedSpecOf(file, meta.text) : undefined,
    schemes,
    open: credentials.open || names.open,
  };
}

/**
 * The static keys of an object literal (followed through identifiers and spreads this file declares), each with its
 * value's text when a string literal; `open` when a key is computed or a spread cannot be followed.
 * @param {ts.SourceFile} file
 * @param {ts.Expression | undefined} expression
 * @param {number} [depth]
 * @returns {{ keys: Map<string, string | undefined>, values: Map<string, ts.Expression>, open: boolean }}
 */
function keysOf(file, expression, depth = 0) {
  /** @type {Map<string, string | undefined>} */
  const keys = new Map();
  /** @type {Map<string, ts.Expression>} */
  const values = new Map();
  if (expression === undefined) return { keys, values, open: false };
  const object = depth < 8 ? resolved(file, expression) : undefined;
  if (!object || !ts.isObjectLiteralExpression(object)) return { keys, values, open: true };
  let open = false;
  for (const property of object.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = keysOf(file, property.expression, depth + 1);
      for (const [key, value] of spread.keys) keys.set(key, value);
      for (const [key, value] of spread.values) values.set(key, value);
      open ||= spread.open;
      continue;
    }
    const name = staticName(property);
    if (name === undefined) {
      open = true;
      continue;
    }
    const value = ts.isPropertyAssignment(property) ? unwrapped(property.initializer) : undefined;
    keys.set(name, value && ts.isStringLiteralLike(value) ? value.text : undefined);
    if (value) values.set(name, value);
  }
  return { keys, values, open };
}

/** The option a credential is read from, `options.key` → `key`. @param {ts.Expression | undefined} value */
function optionRead(value) {
  return value && ts.isPropertyAccessExpression(value) && ts.isIdentifier(value.name) ? value.name.text : undefined;
}

/**
 * The spec whose generated metadata the identifier `name` is imported from (`./generated/<spec>.meta.js`), if it is.
 * @param {ts.SourceFile} file
 * @param {string} name
 */
function generatedSpecOf(file, name) {
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = /(?:^|\/)generated\/([^/]+)\.meta(?:\.[cm]?[jt]s)?$/.exec(statement.moduleSpecifier.text);
    const bindings = statement.importClause?.namedBindings;
    if (!from || !bindings || !ts.isNamedImports(bindings)) continue;
    if (bindings.elements.some((element) => element.name.text === name)) return from[1];
  }
  return undefined;
}

/** `expression` without `as`, `satisfies`, `!` and parentheses around it. @param {ts.Expression} expression */
export function unwrapped(expression) {
  let node = expression;
  while (
    ts.isAsExpression(node) ||
    ts.isSatisfiesExpression(node) ||
    ts.isParenthesizedExpression(node) ||
    ts.isNonNullExpression(node) ||
    ts.isTypeAssertionExpression(node)
  )
    node = node.expression;
  return node;
}

/**
 * `expression` unwrapped, and an identifier followed to the initializer of the top-level `const` of that name.
 * @param {ts.SourceFile} file
 * @param {ts.Expression} expression
 */
function resolved(file, expression) {
  const node = unwrapped(expression);
  if (!ts.isIdentifier(node)) return node;
  const initializer = variableNamed(file, node.text)?.initializer;
  return initializer && unwrapped(initializer);
}

/** The top-level variable declaration named `name`. @param {ts.SourceFile} file @param {string} name */
export function variableNamed(file, name) {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const found = statement.declarationList.declarations.find(
      (declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === name,
    );
    if (found) return found;
  }
  return undefined;
}

/** The value of the property `name` of an object literal. @param {ts.ObjectLiteralExpression} object @param {string} name */
function propertyValue(object, name) {
  for (const property of object.properties) {
    if (staticName(property) !== name) continue;
    if (ts.isPropertyAssignment(property)) return property.initializer;
    if (ts.isShorthandPropertyAssignment(property)) return property.name;
  }
  return undefined;
}

/** A property's name when it is written out (`key`, `"key"`, `["key"]`), not computed. @param {ts.ObjectLiteralElementLike} property */
function staticName(property) {
  const name = property.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** `createHeaderAuth` for `createHeaderAuth(…)` and `headerAuth.createHeaderAuth(…)`. @param {ts.Expression} callee */
function calleeName(callee) {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

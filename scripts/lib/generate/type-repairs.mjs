// openapi-typescript's output where it does not compile, repaired: a nullable schema made to require
// properties (its WithRequired helper), subtypes of a base that lists them, and component schemas recursive
// through arrays.
import { stringToAST } from "openapi-typescript";
import ts from "typescript";

/**
 * openapi-typescript's nodes with what would not compile repaired: {@link withRequiredHelperRepaired},
 * {@link withSubtypesOfBaseOwnPart}, then {@link withRecursiveSchemasNamed}.
 *
 * @example
 * ```js
 * const source = astToString(repairedTypes(await openapiTS(spec)));
 * ```
 * @param {ts.Node[]} nodes
 */
export function repairedTypes(nodes) {
  return withRecursiveSchemasNamed(withSubtypesOfBaseOwnPart(withRequiredHelperRepaired(nodes)));
}

/**
 * openapi-typescript writes `allOf: [{ $ref: X }]` with `required: [k]` beside it as
 * `WithRequired<X, "k">`, with a helper whose `K extends keyof T` rejects every key when X is
 * nullable (`keyof (X | null)` is `never`: TS2344, Plaid's errors), or marked read-only or write-only as a whole
 * (`keyof $Read<X>` is `"$read"`: Linode's firewall device, a read-only entity a request body requires keys of).
 * Its replacement takes the keys of X's non-null part inside its marker; the intersection drops `null`, as the spec
 * does (null has no required `k`), and keeps the marker, so that openapi-fetch's `Readable` and `Writable` read it as
 * openapi-typescript wrote it.
 */
const WITH_REQUIRED = [
  "type WithRequired<T, K extends keyof RequirableOf<T>> = T & { [P in K]-?: RequirableOf<T>[P] };",
  "type RequirableOf<T> = NonNullable<T> extends { readonly $read: infer U } ? NonNullable<U> : NonNullable<T> extends { readonly $write: infer U } ? NonNullable<U> : NonNullable<T>;",
].join("\n");

/** `nodes` with openapi-typescript's `WithRequired` helper, if any, replaced by {@link WITH_REQUIRED}. */
function withRequiredHelperRepaired(nodes) {
  return nodes.flatMap((node) => (isTypeAliasNamed(node, "WithRequired") ? stringToAST(WITH_REQUIRED) : node));
}

const isTypeAliasNamed = (node, name) => ts.isTypeAliasDeclaration(node) && node.name.text === name;

/**
 * `nodes` with each component schema that is recursive through arrays (the "JSON value" pattern:
 * `Json: string | … | components["schemas"]["Json"][]`) declared as a type alias of its own, which
 * `components` names. TypeScript resolves an interface member's `components[…]` references eagerly,
 * so such a member refers to itself (TS2502, openapi-typescript#1603); in a type alias an array of a
 * type alias is resolved lazily. Only schemas whose every cycle passes through an array or an object
 * are named: other cycles stay as they are, for the type check to report.
 */
function withRecursiveSchemasNamed(nodes) {
  const found = componentSchemas(nodes);
  if (!found) return nodes;
  const aliases = aliasNames(namedRecursiveSchemas(found.types), nodes);
  if (aliases.size === 0) return nodes;
  const declarations = [...aliases].map(([schema, alias]) =>
    aliasDeclaration(schema, alias, withSchemaReferencesRenamed(found.types.get(schema), aliases)),
  );
  return withSchemaTypes(
    nodes,
    found,
    (name) => {
      const alias = aliases.get(name);
      return alias === undefined ? undefined : ts.factory.createTypeReferenceNode(alias);
    },
    declarations,
  );
}

/**
 * openapi-typescript writes a subtype that is `allOf` its discriminator base as `Omit<Base, "kind"> & …`, and a base
 * whose `oneOf` lists its subtypes as `{ …its own } & (Cat | Dog)`: each names the other eagerly (TS2502), though a
 * subtype means the base's own part, which every subtype shares (as the test kit's fake reads it). Each such `Omit`
 * in a schema that its base leads back to takes the base's own part instead: the members of the base's intersection
 * that do not lead back to the base.
 * @param {ts.Node[]} nodes
 */
function withSubtypesOfBaseOwnPart(nodes) {
  const found = componentSchemas(nodes);
  if (!found) return nodes;
  const { types } = found;
  const references = new Map([...types].map(([name, type]) => [name, eagerReferences(type).map((ref) => ref.name)]));
  /** Whether the schema `from` is `to`, or names it eagerly, however far. */
  const leadsTo = (from, to) => {
    const seen = new Set();
    const pending = [from];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (next === to) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      pending.push(...(references.get(next) ?? []));
    }
    return false;
  };
  /** The members of `base`'s intersection that do not lead back to it, as one type; undefined if that is not a part. */
  const ownPartOf = (base) => {
    const type = types.get(base);
    if (!type || !ts.isIntersectionTypeNode(type)) return undefined;
    const own = type.types.filter((member) => !eagerReferences(member).some((ref) => leadsTo(ref.name, base)));
    if (own.length === 0 || own.length === type.types.length) return undefined;
    return own.length === 1 ? own[0] : ts.factory.createIntersectionTypeNode(own);
  };
  /** `type` (schema `holder`'s) with each `Omit<Base, K>` whose base leads back to `holder` given its own part. */
  const repaired = (type, holder) => {
    let changed = false;
    const visit = (node) => {
      if (ts.isTypeLiteralNode(node)) return node;
      const [omitted, keys] =
        ts.isTypeReferenceNode(node) && isNamed(node.typeName, "Omit") ? (node.typeArguments ?? []) : [];
      const base = omitted && schemaReferenceName(omitted);
      const own = base !== undefined && leadsTo(base, holder) ? ownPartOf(base) : undefined;
      if (own === undefined || keys === undefined) return ts.visitEachChild(node, visit, undefined);
      changed = true;
      return ts.factory.updateTypeReferenceNode(node, node.typeName, ts.factory.createNodeArray([own, keys]));
    };
    const result = type && visit(type);
    return changed ? result : undefined;
  };
  return withSchemaTypes(nodes, found, (name, type) => repaired(type, name));
}

const isNamed = (name, text) => ts.isIdentifier(name) && name.text === text;

/**
 * `nodes` with the type of each component schema that `typeOf(name, type)` gives one for replaced, and `declarations`
 * after `components`.
 * @param {readonly ts.Node[]} nodes
 * @param {NonNullable<ReturnType<typeof componentSchemas>>} found
 * @param {(name: string, type: ts.TypeNode | undefined) => ts.TypeNode | undefined} typeOf
 * @param {readonly ts.Node[]} [declarations]
 */
function withSchemaTypes(nodes, { components, schemas }, typeOf, declarations = []) {
  let changed = declarations.length > 0;
  const schemaMembers = schemas.type.members.map((member) => {
    const name = memberName(member);
    if (name === undefined || !ts.isPropertySignature(member)) return member;
    const type = typeOf(name, member.type);
    if (type === undefined) return member;
    changed = true;
    return withType(member, type);
  });
  if (!changed) return nodes;
  const updatedSchemas = withType(
    schemas,
    ts.factory.updateTypeLiteralNode(schemas.type, ts.factory.createNodeArray(schemaMembers)),
  );
  const updatedComponents = ts.factory.updateInterfaceDeclaration(
    components,
    components.modifiers,
    components.name,
    components.typeParameters,
    components.heritageClauses,
    components.members.map((member) => (member === schemas ? updatedSchemas : member)),
  );
  return nodes.flatMap((node) => (node === components ? [updatedComponents, ...declarations] : [node]));
}

/**
 * openapi-typescript's `export interface components`, its `schemas` member and each schema's type
 * by name; undefined when the output has no component schemas.
 * @param {readonly ts.Node[]} nodes
 */
function componentSchemas(nodes) {
  const components = nodes.find((node) => ts.isInterfaceDeclaration(node) && node.name.text === "components");
  if (!components || !ts.isInterfaceDeclaration(components)) return undefined;
  const schemas = components.members.find((member) => memberName(member) === "schemas");
  if (!schemas || !ts.isPropertySignature(schemas) || !schemas.type || !ts.isTypeLiteralNode(schemas.type))
    return undefined;
  /** @type {Map<string, ts.TypeNode | undefined>} */
  const types = new Map();
  for (const member of schemas.type.members) {
    const name = memberName(member);
    if (name !== undefined && ts.isPropertySignature(member)) types.set(name, member.type);
  }
  return { components, schemas: /** @type {ts.PropertySignature & { type: ts.TypeLiteralNode }} */ (schemas), types };
}

/** `property` with its type replaced (its doc comment kept). @param {ts.PropertySignature} property @param {ts.TypeNode} type */
function withType(property, type) {
  return ts.factory.updatePropertySignature(property, property.modifiers, property.name, property.questionToken, type);
}

/** The text of a member's name (`schemas`, `"/pets/{id}"`, `200`), or undefined for a computed one. */
export function memberName(member) {
  const name = member.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
    ? name.text
    : undefined;
}

/** The schema a type node names as `components["schemas"]["<name>"]`, or undefined. */
function schemaReferenceName(node) {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isIndexedAccessTypeNode(node.objectType)) return undefined;
  const { objectType: root, indexType: section } = node.objectType;
  const isComponents =
    ts.isTypeReferenceNode(root) && ts.isIdentifier(root.typeName) && root.typeName.text === "components";
  const literalText = (index) =>
    ts.isLiteralTypeNode(index) && ts.isStringLiteral(index.literal) ? index.literal.text : undefined;
  return isComponents && literalText(section) === "schemas" ? literalText(node.indexType) : undefined;
}

/**
 * The schemas a schema's type names outside object types (whose members TypeScript resolves
 * lazily), each saying whether an array or tuple holds the reference.
 * @returns {Array<{ name: string, inArray: boolean }>}
 */
function eagerReferences(type) {
  /** @type {Array<{ name: string, inArray: boolean }>} */
  const references = [];
  const visit = (node, inArray) => {
    if (ts.isTypeLiteralNode(node)) return;
    const name = schemaReferenceName(node);
    if (name !== undefined) references.push({ name, inArray });
    else
      ts.forEachChild(node, (child) => visit(child, inArray || ts.isArrayTypeNode(node) || ts.isTupleTypeNode(node)));
  };
  if (type) visit(type, false);
  return references;
}

/**
 * The schemas to declare as type aliases: those on a cycle of eager references (which TypeScript
 * rejects in an interface), in groups whose every cycle passes through an array (which a type alias
 * resolves lazily, so naming them repairs the cycle; a group that also cycles outside arrays, such as
 * `A: B | string; B: A | number`, cannot compile and is left alone).
 * @param {Map<string, ts.TypeNode | undefined>} schemaTypes
 * @returns {string[]}
 */
function namedRecursiveSchemas(schemaTypes) {
  const references = new Map([...schemaTypes].map(([name, type]) => [name, eagerReferences(type)]));
  const graph = (keep) =>
    new Map(
      [...references].map(([name, refs]) => [
        name,
        refs.filter((ref) => keep(ref) && references.has(ref.name)).map((ref) => ref.name),
      ]),
    );
  const outsideArrays = graph((ref) => !ref.inArray);
  return cyclicGroups(graph(() => true))
    .filter((group) => cyclicGroups(subgraph(outsideArrays, group)).length === 0)
    .flat();
}

/** `graph` restricted to the nodes `keep`. @param {Map<string, string[]>} graph @param {string[]} keep */
function subgraph(graph, keep) {
  const kept = new Set(keep);
  return new Map(keep.map((node) => [node, (graph.get(node) ?? []).filter((next) => kept.has(next))]));
}

/**
 * The strongly connected components of `graph` that hold a cycle (two nodes or more, or one that
 * points to itself), in the graph's order (Tarjan's algorithm).
 * @param {Map<string, string[]>} graph
 * @returns {string[][]}
 */
function cyclicGroups(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  const connect = (node) => {
    index.set(node, index.size);
    low.set(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) connect(next);
      if (onStack.has(next)) low.set(node, Math.min(low.get(node), low.get(next)));
    }
    if (low.get(node) !== index.get(node)) return;
    const group = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) groups.push(group.reverse());
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return groups;
}

/**
 * A type alias name for each schema: `Schema_` and the name with what an identifier cannot hold
 * replaced by `_`, numbered when it would clash with another declaration.
 * @param {string[]} schemas
 * @param {readonly ts.Node[]} nodes the declarations beside them
 * @returns {Map<string, string>}
 */
function aliasNames(schemas, nodes) {
  const taken = new Set(
    nodes.flatMap((node) =>
      (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name ? [node.name.text] : [],
    ),
  );
  const aliases = new Map();
  for (const schema of schemas) {
    const base = `Schema_${schema.replace(/[^A-Za-z0-9_$]/g, "_")}`;
    let alias = base;
    for (let n = 2; taken.has(alias); n++) alias = `${base}_${n}`;
    taken.add(alias);
    aliases.set(schema, alias);
  }
  return aliases;
}

/** `type` with each `components["schemas"][name]` whose name `aliases` maps replaced by its alias. */
function withSchemaReferencesRenamed(type, aliases) {
  const visit = (node) => {
    const alias = aliases.get(schemaReferenceName(node));
    return alias ? ts.factory.createTypeReferenceNode(alias) : ts.visitEachChild(node, visit, undefined);
  };
  return visit(type);
}

/** `type <alias> = <type>;`, saying which schema it is and why it is declared apart. */
function aliasDeclaration(schema, alias, type) {
  const declaration = ts.factory.createTypeAliasDeclaration(undefined, alias, undefined, type);
  return ts.addSyntheticLeadingComment(
    declaration,
    ts.SyntaxKind.MultiLineCommentTrivia,
    `* components["schemas"][${JSON.stringify(schema)}]: declared apart so that TypeScript can resolve its recursion. `,
    true,
  );
}

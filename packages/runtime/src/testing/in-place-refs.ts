// The `$ref`s a schema applies to the value itself (through `allOf`, `oneOf`, `not`, …), rather than to a property
// or an item of it: a cycle of those never reaches a smaller value, so a validator that follows one never ends.

/** Keywords whose schemas apply to the same value as the schema that holds them. */
export const IN_PLACE = new Set(["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas"]);
const ALTERNATIVES = ["anyOf", "oneOf"];

/** Where a `$ref` leads: the schema it names, if any. */
export type SchemaAt = (ref: string) => unknown;

/**
 * The `$ref`s that `schema` (itself, or only its `oneOf` and `anyOf` alternatives) applies to the value itself, each
 * with whether an alternative holds it. The schemas they name are not followed.
 */
function inPlaceRefs(schema: unknown, start: "schema" | "alternatives"): { ref: string; inAlternative: boolean }[] {
  const found: { ref: string; inAlternative: boolean }[] = [];
  const visit = (node: unknown, inAlternative: boolean): void => {
    if (typeof node !== "object" || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === "string") found.push({ ref: record.$ref, inAlternative });
    for (const keyword of IN_PLACE) {
      const value = record[keyword];
      const alternative = inAlternative || ALTERNATIVES.includes(keyword);
      if (Array.isArray(value)) for (const item of value) visit(item, alternative);
      else if (keyword === "dependentSchemas" && typeof value === "object" && value !== null)
        for (const item of Object.values(value)) visit(item, alternative);
      else visit(value, alternative);
    }
  };
  if (start === "schema") visit(schema, false);
  else
    for (const keyword of ALTERNATIVES) {
      const value = (schema as Record<string, unknown> | undefined)?.[keyword];
      if (Array.isArray(value)) for (const item of value) visit(item, true);
    }
  return found;
}

/**
 * The `$ref`s that the `oneOf` and `anyOf` alternatives of the schema at `ref` lead to in place, however far. When one
 * of them applies `ref` itself again (a `Cat` that is `allOf` its base `Pet`, whose `oneOf` lists `Cat`), that `$ref`
 * means the base's own part, which every alternative shares: anything else would never end.
 */
export function refsTheAlternativesReach(ref: string, schemaAt: SchemaAt): Set<string> {
  const reached = new Set<string>();
  const pending = inPlaceRefs(schemaAt(ref), "alternatives").map((found) => found.ref);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (reached.has(next)) continue;
    reached.add(next);
    for (const found of inPlaceRefs(schemaAt(next), "schema")) pending.push(found.ref);
  }
  return reached;
}

/**
 * Throws a `TypeError` naming the first schema among `refs` that contains itself through `$ref`s applied in place
 * outside any alternative (`A` is `allOf` `B`, and `B` `allOf` `A`): no value could ever be checked against it. A cycle
 * through an alternative is read as a base and its subtypes ({@link refsTheAlternativesReach}).
 *
 * @example
 * ```ts
 * const schemas = { "#/components/schemas/A": { allOf: [{ $ref: "#/components/schemas/A" }] } };
 * assertNoSchemaContainsItself(Object.keys(schemas), (ref) => schemas[ref as keyof typeof schemas], "Orders fake");
 * // TypeError: Orders fake: the spec's schema #/components/schemas/A contains itself, applied to the same value
 * // (#/components/schemas/A → #/components/schemas/A): no value could ever be checked against it
 * ```
 */
export function assertNoSchemaContainsItself(refs: Iterable<string>, schemaAt: SchemaAt, label: string): void {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (ref: string): void => {
    const repeated = path.indexOf(ref);
    if (repeated !== -1)
      throw new TypeError(
        `${label}: the spec's schema ${ref} contains itself, applied to the same value (${[...path.slice(repeated), ref].join(" → ")}): no value could ever be checked against it`,
      );
    if (done.has(ref)) return;
    path.push(ref);
    for (const found of inPlaceRefs(schemaAt(ref), "schema")) if (!found.inAlternative) visit(found.ref);
    path.pop();
    done.add(ref);
  };
  for (const ref of refs) visit(ref);
}

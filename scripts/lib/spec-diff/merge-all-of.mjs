// An object schema's `allOf` members merged into it before the diff, so that equivalent schemas compare equal:
// `Pet` and `{ allOf: [Pet] }`, or a schema split into a base and its own part, generate the same type, and compared
// keyword by keyword they came out as a removed body, `type widened to any`, fields now optional….
import { DOC_KEYWORDS, isExtension } from "./verdicts.mjs";

/**
 * `schema` (a dereferenced schema) with each `allOf` member that merges cleanly folded into it: its properties and
 * `required` names joined to the schema's, its other keywords added where the schema has none or the same.
 * A member that conflicts (the same property as another schema, another `type`, a different keyword) stays in
 * `allOf`, compared member by member as before. Returns `schema` itself when there is nothing to merge.
 * @param {Record<string, any>} schema
 * @returns {Record<string, any>}
 */
export function mergeAllOf(schema, ancestors = new Set()) {
  if (!Array.isArray(schema.allOf) || ancestors.has(schema)) return schema;
  ancestors.add(schema);
  const { allOf, ...merged } = schema;
  const kept = [];
  for (const member of allOf) {
    const flat = isSchemaObject(member) && !ancestors.has(member) ? mergeAllOf(member, ancestors) : undefined;
    const folded = flat && foldedInto(merged, flat);
    if (!folded) {
      kept.push(member);
      continue;
    }
    Object.assign(merged, folded.entries);
    kept.push(...folded.kept);
  }
  ancestors.delete(schema);
  if (kept.length === allOf.length) return schema;
  if (kept.length) merged.allOf = kept;
  return merged;
}

/**
 * The entries `target` has once `member` (already merged itself) is folded in, and the members of the member's
 * own `allOf` that stay; undefined when the two conflict.
 * @returns {{ entries: Record<string, any>, kept: any[] } | undefined}
 */
function foldedInto(target, member) {
  /** @type {Record<string, any>} */
  const entries = {};
  for (const [key, value] of Object.entries(member)) {
    if (key === "allOf") continue;
    const own = target[key];
    if (own === undefined) entries[key] = value;
    else if (key === "properties") {
      const joined = joinedProperties(own, value);
      if (!joined) return undefined;
      entries.properties = joined;
    } else if (key === "required") {
      entries.required = [...new Set([...(Array.isArray(own) ? own : []), ...(Array.isArray(value) ? value : [])])];
    } else if (key === "type") {
      if (typeKey(own) !== typeKey(value)) return undefined;
    } else if (!DOC_KEYWORDS.has(key) && !isExtension(key) && !sameValue(own, value)) {
      // Documentation stays the schema's own; anything else must agree.
      return undefined;
    }
  }
  return { entries, kept: Array.isArray(member.allOf) ? member.allOf : [] };
}

/** Two `properties` maps as one, or undefined when both declare a name with different schemas. */
function joinedProperties(own, other) {
  if (!isSchemaObject(own) || !isSchemaObject(other)) return undefined;
  for (const name of Object.keys(other)) if (name in own && own[name] !== other[name]) return undefined;
  return { ...own, ...other };
}

/** A `type` (a name or a list of names) as a comparable key. */
const typeKey = (type) => JSON.stringify((Array.isArray(type) ? [...type] : [type]).sort());

/** The same value: one object, or equal plain values (or lists of them). Schemas may be cyclic: no deep walk. */
function sameValue(a, b) {
  if (a === b) return true;
  const plain = (value) =>
    value === null ||
    typeof value !== "object" ||
    (Array.isArray(value) && value.every((item) => item === null || typeof item !== "object"));
  return plain(a) && plain(b) && JSON.stringify(a) === JSON.stringify(b);
}

function isSchemaObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

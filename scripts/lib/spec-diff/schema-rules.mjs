// spec-diff's rules for schema keywords: whether a change of `properties`, `required`, `enum`,
// `type`, a bound or a composition narrows or widens the data, read by direction (a schema the
// client sends may loosen but not tighten; one it receives may gain fields but not lose them).
import { fieldWhere } from "./locate.mjs";
import { additive, breaking, byDirection, docs, shown, unclassified, valueAt } from "./verdicts.mjs";

/** A property added to or removed from an object schema, or its whole `properties` map. */
const propertyRule = ({ change, loc, after }) => {
  if (loc.arg === undefined) return propertiesRule({ change, loc, after });
  const where = fieldWhere(loc.place, loc.field ? `${loc.field}.${loc.arg}` : loc.arg);
  if (change.type === "REMOVE") return breaking(`${where} removed`);
  if (change.type !== "CREATE") return unclassified({ change, loc });
  if (loc.direction === "output") return additive(`new ${where}`);
  const required = valueAt(after, [...loc.node, "required", JSON.stringify(loc.arg)]) !== undefined;
  return required ? breaking(`new required ${where}`) : additive(`new optional ${where}`);
};

/**
 * A schema's `properties` map created or removed whole: each of its fields is new or gone, named (a schema that loses
 * its fields is still there: it is not the body that was removed).
 */
const propertiesRule = ({ change, loc, after }) => {
  const names = Object.keys(change.type === "REMOVE" ? change.oldValue : change.value);
  const fields = names.map((name) => `\`${loc.field ? `${loc.field}.${name}` : name}\``).join(", ");
  if (change.type === "REMOVE") return breaking(`${loc.place}: fields ${fields} removed`);
  if (change.type !== "CREATE") return unclassified({ change, loc });
  if (loc.direction === "output") return additive(`${loc.place}: new fields ${fields}`);
  const required = names.some((name) => valueAt(after, [...loc.node, "required", JSON.stringify(name)]) !== undefined);
  return required
    ? breaking(`${loc.place}: new fields ${fields}, some required`)
    : additive(`${loc.place}: new optional fields ${fields}`);
};

/** A name added to or removed from an object schema's `required` list. */
const requiredListRule = ({ change, loc, before, after }) => {
  if (loc.arg === undefined) return requiredWholeRule({ change, loc });
  const name = change.value ?? change.oldValue;
  const where = fieldWhere(loc.place, loc.field ? `${loc.field}.${name}` : name);
  const declared = (document) => valueAt(document, [...loc.node, "properties", name]) !== undefined;
  // A property created or removed here together with its required mark is reported by propertyRule. One this schema
  // does not declare (an allOf part's, or none) is reported here: only its mark changed.
  if (change.type === "CREATE" && !declared(before) && declared(after)) return null;
  if (change.type === "REMOVE" && !declared(after) && declared(before)) return null;
  if (change.type === "CREATE")
    return byDirection(loc.direction, breaking(`${where} is now required`), additive(`${where} is now always present`));
  return byDirection(loc.direction, additive(`${where} is now optional`), breaking(`${where} may now be absent`));
};

const requiredWholeRule = ({ change, loc }) => {
  const names = Object.values(change.value ?? change.oldValue ?? {}).join(", ");
  if (change.type === "CREATE")
    return byDirection(
      loc.direction,
      breaking(`${loc.where}: now requires ${names}`),
      additive(`${loc.where}: ${names} now always present`),
    );
  return byDirection(
    loc.direction,
    additive(`${loc.where}: ${names} now optional`),
    breaking(`${loc.where}: ${names} may now be absent`),
  );
};

/** An enum value added or removed; an enum added to or removed from a schema. */
const enumRule = ({ change, loc }) => {
  if (loc.arg === undefined) {
    if (change.type === "CREATE")
      return byDirection(
        loc.direction,
        breaking(`${loc.where}: now restricted to an enum`),
        additive(`${loc.where}: now an enum`),
      );
    // The type of received data widens from its values to any: code that handled each value no longer compiles.
    if (change.type === "REMOVE")
      return byDirection(
        loc.direction,
        additive(`${loc.where}: no longer an enum`),
        breaking(`${loc.where}: no longer an enum (any value may come)`),
      );
    return unclassified({ change, loc });
  }
  if (change.type === "CREATE") return additive(`${loc.where}: enum value ${shown(loc.arg, change.value)} added`);
  if (change.type === "REMOVE") return breaking(`${loc.where}: enum value ${shown(loc.arg, change.oldValue)} removed`);
  return unclassified({ change, loc });
};

/** A type added to or removed from a schema's `type` (a change of type is one of each). */
const typeRule = ({ change, loc }) => {
  if (loc.arg === undefined) {
    if (change.type === "CREATE")
      return byDirection(
        loc.direction,
        breaking(`${loc.where}: type narrowed to ${Object.values(change.value).join(" | ")}`),
        additive(`${loc.where}: type set`),
      );
    return byDirection(
      loc.direction,
      additive(`${loc.where}: type widened to any`),
      breaking(`${loc.where}: type widened to any`),
    );
  }
  if (change.type === "REMOVE") {
    return byDirection(
      loc.direction,
      breaking(`${loc.where}: type narrowed (${change.oldValue} no longer accepted)`),
      additive(`${loc.where}: no longer ${change.oldValue}`),
    );
  }
  return byDirection(
    loc.direction,
    additive(`${loc.where}: type widened (${change.value} accepted)`),
    breaking(`${loc.where}: type widened (can now be ${change.value})`),
  );
};

/**
 * `format` and `pattern`: set or changed narrows what is valid; removed widens, which breaks code reading anything of
 * `format: binary` (a Blob becomes a string).
 */
const restrictionRule = ({ change, loc }) => {
  const what = `${loc.keyword} ${change.type === "REMOVE" ? "removed" : `${JSON.stringify(change.value)}`}`;
  if (change.type === "REMOVE" && loc.keyword === "format" && change.oldValue === "binary")
    return breaking(`${loc.where}: ${what} (binary: a Blob no longer, a string)`);
  if (change.type === "REMOVE") return additive(`${loc.where}: ${what}`);
  return byDirection(loc.direction, breaking(`${loc.where}: narrowed, ${what}`), additive(`${loc.where}: ${what}`));
};

/**
 * `const` is the field's type: a literal. Set or changed, it narrows what a request may send, and in a response it
 * changes the literal code compares with (`if (owner.type === "user")` no longer compiles) or narrows a wider type
 * (a string or an enum) that code handled case by case. Removed, a request accepts more; a response's literal widens
 * to its type, which code that kept the value as the literal no longer compiles with.
 */
const constRule = ({ change, loc }) => {
  if (change.type === "REMOVE")
    return byDirection(loc.direction, additive(`${loc.where}: const removed`), breaking(`${loc.where}: const removed`));
  const now = JSON.stringify(change.value);
  if (change.type === "CHANGE")
    return breaking(`${loc.where}: const ${JSON.stringify(change.oldValue)} → ${now} (the literal type changes)`);
  return byDirection(
    loc.direction,
    breaking(`${loc.where}: narrowed, const ${now}`),
    breaking(`${loc.where}: now const ${now} (its type narrows to that literal)`),
  );
};

const UPPER_BOUNDS = new Set(["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains"]);

/** Numeric bounds: tightening a bound on input data breaks callers; on output it only informs. */
const boundRule = ({ change, loc }) => {
  const before = change.type === "CREATE" ? undefined : change.oldValue;
  const now = change.type === "REMOVE" ? undefined : change.value;
  const upper = UPPER_BOUNDS.has(loc.keyword);
  const tighter = now !== undefined && (before === undefined || (upper ? now < before : now > before));
  const what = `${loc.keyword} ${before ?? "none"} → ${now ?? "none"}`;
  if (loc.direction === "input" && tighter) return breaking(`${loc.where}: narrowed, ${what}`);
  return additive(`${loc.where}: ${what}`);
};

/** A member of oneOf/anyOf (alternatives) or allOf (constraints) added or removed. */
const compositionRule = ({ change, loc }) => {
  const alternatives = loc.keyword !== "allOf";
  const widens = (change.type === "CREATE") === alternatives;
  const what =
    `${loc.keyword} member ${loc.arg ?? ""} ${change.type === "CREATE" ? "added" : change.type === "REMOVE" ? "removed" : "changed"}`.replace(
      "  ",
      " ",
    );
  if (change.type === "CHANGE") return unclassified({ change, loc });
  // Wider data: fine to send, new cases to handle when received. Narrower: the reverse.
  return widens
    ? byDirection(loc.direction, additive(`${loc.where}: ${what}`), breaking(`${loc.where}: ${what}`))
    : byDirection(loc.direction, breaking(`${loc.where}: ${what}`), additive(`${loc.where}: ${what}`));
};

/** items / additionalProperties and other sub-schemas appearing or disappearing. */
const subSchemaRule = ({ change, loc }) => {
  const closes = change.value === false;
  const opens = change.type === "REMOVE" || change.value === true;
  if (loc.keyword === "additionalProperties" && (closes || opens)) {
    if (closes)
      return byDirection(
        loc.direction,
        breaking(`${loc.where}: no longer accepts other properties`),
        additive(`${loc.where}: no other properties`),
      );
    // A map's values described by a schema, received, are typed by it: without it they are unknown.
    const typedValues = change.type === "REMOVE" && change.oldValue !== null && typeof change.oldValue === "object";
    return typedValues
      ? byDirection(
          loc.direction,
          additive(`${loc.where}: other properties allowed`),
          breaking(`${loc.where}: other properties of any type`),
        )
      : additive(`${loc.where}: other properties allowed`);
  }
  if (change.type === "CREATE")
    return byDirection(
      loc.direction,
      breaking(`${loc.where}: ${loc.keyword} constrained`),
      additive(`${loc.where}: ${loc.keyword} described`),
    );
  if (change.type === "REMOVE")
    return byDirection(
      loc.direction,
      additive(`${loc.where}: ${loc.keyword} unconstrained`),
      breaking(`${loc.where}: ${loc.keyword} unconstrained`),
    );
  return unclassified({ change, loc });
};

/**
 * A default of data the client sends is what a call that leaves the value out gets, and the generated metadata uses
 * some (a page size's default is the client's page size): changing, setting or dropping one changes what old calls do.
 * That is breaking in the sense of rules.mjs (code written against the old client can fail to work), which asks for a
 * minor release while a package is 0.x and a major one after. A default of received data only documents.
 */
const defaultRule = ({ loc, before, after }) => {
  const shownAt = (document) => JSON.stringify(valueAt(document, [...loc.node, "default"])) ?? "none";
  const what = `default ${shownAt(before)} → ${shownAt(after)}`;
  if (loc.direction === "input")
    return breaking(`${loc.where}: ${what} (calls that leave it out now behave differently)`);
  return additive(`${loc.where}: ${what}`);
};

/** The side whose generated type leaves out a field marked with each keyword. */
const HIDDEN_FROM = { readOnly: "input", writeOnly: "output" };

/**
 * `readOnly` and `writeOnly` decide which generated type has a field: a readOnly one is left out of the request's, a
 * writeOnly one out of the response's. Read on that side, a field hidden breaks code that set or read it, and a
 * field shown again is a new field of that type: a required one (a request must now send it) breaks callers.
 * On the other side the types do not change.
 */
const visibilityRule = ({ change, loc, after }) => {
  const was = change.type !== "CREATE" && change.oldValue === true;
  const now = change.type !== "REMOVE" && change.value === true;
  if (was === now || loc.direction !== HIDDEN_FROM[loc.keyword])
    return additive(`${loc.where}: ${loc.keyword} changed`);
  const side = loc.direction === "input" ? "request" : "response";
  if (now)
    return breaking(
      `${loc.where}: now ${loc.keyword} (a ${side} no longer ${loc.direction === "input" ? "sends" : "has"} it)`,
    );
  const name = loc.node.at(-1);
  const required =
    loc.node.at(-2) === "properties" &&
    valueAt(after, [...loc.node.slice(0, -2), "required", JSON.stringify(name)]) !== undefined;
  if (loc.direction === "input" && required)
    return breaking(`${loc.where}: no longer readOnly, and required: a request must now send it`);
  return additive(`${loc.where}: no longer ${loc.keyword} (the ${side} type has it)`);
};

/** Rules by schema keyword. */
export const SCHEMA_FIELDS = {
  properties: propertyRule,
  required: requiredListRule,
  enum: enumRule,
  type: typeRule,
  const: constRule,
  format: restrictionRule,
  pattern: restrictionRule,
  minimum: boundRule,
  maximum: boundRule,
  exclusiveMinimum: boundRule,
  exclusiveMaximum: boundRule,
  minLength: boundRule,
  maxLength: boundRule,
  minItems: boundRule,
  maxItems: boundRule,
  minProperties: boundRule,
  maxProperties: boundRule,
  minContains: boundRule,
  maxContains: boundRule,
  uniqueItems: ({ change, loc }) =>
    change.value === true
      ? byDirection(
          loc.direction,
          breaking(`${loc.where}: items must now be unique`),
          additive(`${loc.where}: items unique`),
        )
      : additive(`${loc.where}: items may repeat`),
  oneOf: compositionRule,
  anyOf: compositionRule,
  allOf: compositionRule,
  items: subSchemaRule,
  prefixItems: compositionRule,
  additionalProperties: subSchemaRule,
  patternProperties: subSchemaRule,
  not: subSchemaRule,
  default: defaultRule,
  readOnly: visibilityRule,
  writeOnly: visibilityRule,
  xml: ({ loc }) => docs(`${loc.where}: xml changed`),
  $schema: ({ loc }) => docs(`${loc.where}: $schema changed`),
  $id: ({ loc }) => docs(`${loc.where}: $id changed`),
  $anchor: ({ loc }) => docs(`${loc.where}: $anchor changed`),
  nullable: ({ change, loc }) =>
    typeRule({
      change: { ...change, value: "null", oldValue: "null", type: change.value ? "CREATE" : "REMOVE" },
      loc: { ...loc, arg: '"null"' },
    }),
};

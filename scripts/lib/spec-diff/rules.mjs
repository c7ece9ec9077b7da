// The classification rules: one small function per kind of change, looked up in tables.
// Each takes the change and its location (see locate.mjs) and returns
// `{ level, message }`, or null when another rule already reports the same fact.
//
// Levels: "breaking" (code written against the old client can fail to compile or to work),
// "additive" (new capabilities; existing code keeps working), "docs" (nothing a caller can
// observe but documentation: descriptions, summaries, examples, x-unverified marks).
//
// Direction matters for schemas: a schema the client sends (input) may loosen but not
// tighten; one the client receives (output) may gain fields but not lose them.

import { fieldWhere } from "./locate.mjs";
import { NO_AUTH } from "./normalize.mjs";

/** Levels from most to least severe. */
export const LEVELS = ["breaking", "additive", "docs"];

/** Keywords that only document: changing them never changes what a caller can send or receive. */
const DOC_KEYWORDS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "$comment",
  "x-unverified",
  "deprecated",
  "tags",
  "x-anchors",
  "contact",
  "license",
  "termsOfService",
]);

const breaking = (message) => ({ level: "breaking", message });
const additive = (message) => ({ level: "additive", message });
const docs = (message) => ({ level: "docs", message });
const byDirection = (direction, input, output) => (direction === "input" ? input : output);

/** Reads a value of the normalised old or new document at `path`. */
function valueAt(document, path) {
  let value = document;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = value[key];
  }
  return value;
}

/** A keyed-set member (`"\"cat\""`) or a name, as shown in a report. */
function shown(arg, value) {
  if (value !== undefined && (value === null || typeof value !== "object")) return JSON.stringify(value);
  return typeof arg === "string" && arg.startsWith('"') ? arg : `\`${arg}\``;
}

// --- whole parts: created or removed ----------------------------------------------------

/** An operation, webhook, response or response header: new ones add, removed ones break. */
const addedOrRemovedRule = ({ change, loc }) => {
  if (change.type === "CREATE") return additive(`new ${loc.where}`);
  if (change.type === "REMOVE") return breaking(`removed ${loc.where}`);
  return unclassified({ change, loc });
};

/** A parameter or request body: a new required one breaks callers, a new optional one adds. */
const addedMaybeRequiredRule = ({ change, loc }) => {
  if (change.type === "CREATE")
    return change.value?.required ? breaking(`new required ${loc.where}`) : additive(`new optional ${loc.where}`);
  if (change.type === "REMOVE") return breaking(`removed ${loc.where}`);
  return unclassified({ change, loc });
};

/** A media type of a request body, response or parameter. */
const mediaRule = ({ change, loc }) => {
  const sent = loc.direction === "input" ? "accepts" : "can answer with";
  if (change.type === "CREATE") return additive(`${loc.where}: ${sent} a new media type`);
  if (change.type === "REMOVE") return breaking(`${loc.where}: media type removed`);
  return unclassified({ change, loc });
};

/** A security alternative added to or removed from an operation. */
const securityRule = ({ change, loc, before }) => {
  const alternative = loc.arg === NO_AUTH ? "no credentials" : loc.arg.split("+").join(" + ");
  if (change.type === "REMOVE") return breaking(`auth: ${alternative} no longer accepted`);
  if (change.type !== "CREATE") return unclassified({ change, loc });
  const previous = Object.keys(valueAt(before, [...loc.node, "security"]) ?? {});
  if (previous.length === 0) return breaking(`auth: now requires ${alternative}`);
  return additive(`auth: ${alternative} accepted as an alternative`);
};

/** A security scheme: each is a credential option of the client. */
const securitySchemeRule = ({ change, loc }) => {
  if (change.type === "CREATE") return additive(`new ${loc.where} (a new client credential option)`);
  if (change.type === "REMOVE") return breaking(`removed ${loc.where}`);
  return unclassified({ change, loc });
};

/** A named schema: each is a type the client exports (`components["schemas"][name]`). */
const schemaNameRule = ({ change }) => {
  const name = change.value ?? change.oldValue;
  if (change.type === "CREATE") return additive(`new schema type components.schemas.${name}`);
  if (change.type === "REMOVE") return breaking(`removed schema type components.schemas.${name}`);
  return null;
};

/** A schema appearing where there was none (narrows input), or disappearing (widens it). */
const wholeSchemaRule = ({ change, loc }) => {
  if (change.type === "CREATE")
    return byDirection(
      loc.direction,
      breaking(`${loc.where}: schema added (narrows what is accepted)`),
      additive(`${loc.where}: schema added`),
    );
  if (change.type === "REMOVE")
    return byDirection(
      loc.direction,
      additive(`${loc.where}: schema removed`),
      breaking(`${loc.where}: schema removed`),
    );
  return unclassified({ change, loc });
};

// --- keywords of operations, parameters, bodies, responses and schemes ----------------------

/** `required` of a parameter, request body or response header. */
const requiredFlagRule = ({ change, loc }) => {
  const now = change.type !== "REMOVE" && change.value === true;
  if (loc.direction === "output")
    return now ? additive(`${loc.where} is now always present`) : breaking(`${loc.where} may now be absent`);
  return now ? breaking(`${loc.where} is now required`) : additive(`${loc.where} is now optional`);
};

const OPERATION_FIELDS = {
  operationId: ({ change }) =>
    breaking(
      `operationId ${change.oldValue ?? "(none)"} → ${change.value ?? "(none)"} (renames the generated operations type)`,
    ),
  "x-keyway-pagination": ({ change }) =>
    change.type === "CREATE"
      ? additive("now pages (x-keyway-pagination)")
      : breaking("paging changed (x-keyway-pagination)"),
  "x-keyway-idempotent": () => additive("retry safety changed (x-keyway-idempotent)"),
  "x-keyway-known-errors": ({ change, loc }) =>
    change.type === "REMOVE"
      ? breaking(`known error ${shown(loc.arg, change.oldValue)} removed`)
      : additive(`known error ${shown(loc.arg, change.value)} added`),
  servers: () => breaking("operation servers changed"),
};

const SECURITY_SCHEME_FIELDS = {
  "x-keyway-secret": () => additive("secret flag changed (redaction and plain-http rules)"),
  "x-keyway-browser-safe": ({ change, loc }) =>
    change.value === true
      ? additive(`${loc.where} is now allowed in browsers`)
      : breaking(`${loc.where} is no longer allowed in browsers`),
};

const HOLDER_FIELDS = {
  required: requiredFlagRule,
  style: ({ loc }) => breaking(`${loc.where}: serialization style changed`),
  explode: ({ loc }) => breaking(`${loc.where}: serialization (explode) changed`),
  allowEmptyValue: ({ loc }) => additive(`${loc.where}: allowEmptyValue changed`),
  allowReserved: ({ loc }) => additive(`${loc.where}: allowReserved changed`),
  links: ({ loc }) => additive(`${loc.where}: links changed`),
};

// --- schema keywords -----------------------------------------------------------------------

/** A property added to or removed from an object schema. */
const propertyRule = ({ change, loc, after }) => {
  const where = fieldWhere(loc.place, loc.field ? `${loc.field}.${loc.arg}` : loc.arg);
  if (change.type === "REMOVE") return breaking(`${where} removed`);
  if (change.type !== "CREATE") return unclassified({ change, loc });
  if (loc.direction === "output") return additive(`new ${where}`);
  const required = valueAt(after, [...loc.node, "required", JSON.stringify(loc.arg)]) !== undefined;
  return required ? breaking(`new required ${where}`) : additive(`new optional ${where}`);
};

/** A name added to or removed from an object schema's `required` list. */
const requiredListRule = ({ change, loc, before, after }) => {
  if (loc.arg === undefined) return requiredWholeRule({ change, loc });
  const name = change.value ?? change.oldValue;
  const where = fieldWhere(loc.place, loc.field ? `${loc.field}.${name}` : name);
  const existed = (document) => valueAt(document, [...loc.node, "properties", name]) !== undefined;
  // A property created or removed together with its required mark is reported by propertyRule.
  if (change.type === "CREATE" && !existed(before)) return null;
  if (change.type === "REMOVE" && !existed(after)) return null;
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
    if (change.type === "REMOVE") return additive(`${loc.where}: no longer an enum`);
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

/** `const`, `format` and `pattern`: set or changed narrows what is valid; removed widens. */
const restrictionRule = ({ change, loc }) => {
  const what = `${loc.keyword} ${change.type === "REMOVE" ? "removed" : `${JSON.stringify(change.value)}`}`;
  if (change.type === "REMOVE") return additive(`${loc.where}: ${what}`);
  return byDirection(loc.direction, breaking(`${loc.where}: narrowed, ${what}`), additive(`${loc.where}: ${what}`));
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
    return closes
      ? byDirection(
          loc.direction,
          breaking(`${loc.where}: no longer accepts other properties`),
          additive(`${loc.where}: no other properties`),
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

const SCHEMA_FIELDS = {
  properties: propertyRule,
  required: requiredListRule,
  enum: enumRule,
  type: typeRule,
  const: restrictionRule,
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
  default: ({ loc }) => additive(`${loc.where}: default changed`),
  readOnly: ({ loc }) => additive(`${loc.where}: readOnly changed`),
  writeOnly: ({ loc }) => additive(`${loc.where}: writeOnly changed`),
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

// --- the tables --------------------------------------------------------------------------

/** `where: keyword`, or the keyword alone when it is the place (an operation's `summary`). */
function about(loc) {
  return loc.where === loc.keyword ? String(loc.keyword) : `${loc.where}: ${loc.keyword}`;
}

/** A change no rule knows: reported as breaking, so that a check never asks for too small a bump. */
function unclassified({ change, loc }) {
  const verb = { CREATE: "added", REMOVE: "removed", CHANGE: "changed" }[change.type];
  return breaking(`${loc.keyword ? about(loc) : loc.where} ${verb} (unclassified, treated as breaking)`);
}

/** Looks the keyword up in `table`; unknown extensions (`x-…`) are additive, anything else unclassified. */
const fieldRule = (table) => (context) => {
  const rule = table[context.loc.keyword];
  if (rule) return rule(context);
  return isExtension(context.loc.keyword) ? additive(`${about(context.loc)} changed`) : unclassified(context);
};

const isExtension = (keyword) => typeof keyword === "string" && keyword.startsWith("x-");

/** Rules by {@link Location} kind. */
const RULES = {
  document: ({ loc }) => docs(`${loc.where} changed`),
  "schema-name": schemaNameRule,
  "security-scheme": securitySchemeRule,
  "security-scheme-field": (context) => {
    const rule = SECURITY_SCHEME_FIELDS[context.loc.keyword];
    if (rule) return rule(context);
    if (isExtension(context.loc.keyword)) return additive(`${about(context.loc)} changed`);
    return breaking(`${context.loc.where}: ${context.loc.keyword} changed (the credential is sent differently)`);
  },
  operation: addedOrRemovedRule,
  "operation-field": (context) => {
    const rule = OPERATION_FIELDS[context.loc.keyword];
    if (rule) return rule(context);
    if (isExtension(context.loc.keyword)) return additive(`${about(context.loc)} changed`);
    return unclassified(context);
  },
  security: securityRule,
  parameter: addedMaybeRequiredRule,
  "parameter-field": fieldRule(HOLDER_FIELDS),
  "request-body": addedMaybeRequiredRule,
  "request-body-field": fieldRule(HOLDER_FIELDS),
  response: addedOrRemovedRule,
  "response-field": fieldRule(HOLDER_FIELDS),
  header: addedOrRemovedRule,
  "header-field": fieldRule(HOLDER_FIELDS),
  media: mediaRule,
  "media-field": fieldRule({ encoding: ({ loc }) => breaking(`${loc.where}: encoding changed`) }),
  schema: wholeSchemaRule,
  "schema-field": (context) => {
    const rule = SCHEMA_FIELDS[context.loc.keyword];
    if (rule) return rule(context);
    if (isExtension(context.loc.keyword)) return docs(`${about(context.loc)} changed`);
    return unclassified(context);
  },
};

/**
 * Classifies one change of the normalised documents.
 * @param {{ change: import("microdiff").Difference, loc: import("./locate.mjs").Location, before: object, after: object }} context
 * @returns {{ level: "breaking"|"additive"|"docs", message: string } | null}
 */
export function classify(context) {
  const { loc } = context;
  if (DOC_KEYWORDS.has(loc.keyword) && loc.kind !== "schema-name") return docs(`${about(loc)} changed`);
  return RULES[loc.kind](context);
}

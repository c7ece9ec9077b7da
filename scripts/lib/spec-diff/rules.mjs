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

import { withVariableDefaults } from "../spec/server-url.mjs";
import { NO_AUTH } from "./normalize.mjs";
import { SCHEMA_FIELDS } from "./schema-rules.mjs";
import {
  about,
  additive,
  breaking,
  byDirection,
  DOC_KEYWORDS,
  docs,
  isExtension,
  shown,
  unclassified,
  valueAt,
} from "./verdicts.mjs";

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

/**
 * A response. A new success whose body is none the operation answered with before widens a call's `data`: to a union
 * with another schema, or to possibly `undefined` (a `204` beside a body). Code that read `data` may no longer compile.
 */
const responseRule = (context) => {
  const { change, loc, after } = context;
  const status = change.path.at(-1); // […, "responses", status]
  if (change.type !== "CREATE" || loc.direction !== "output" || !isSuccess(status)) return addedOrRemovedRule(context);
  const responses = valueAt(after, change.path.slice(0, -1));
  const others = Object.keys(responses).filter((other) => other !== status && isSuccess(other));
  const answered = others.some((other) => sameBody(responses[other], responses[status]));
  if (answered || others.length === 0) return additive(`new ${loc.where}`);
  const widened = hasContent(responses[status]) ? "its body" : "undefined";
  return breaking(`new ${loc.where}: a call's data may now be ${widened}`);
};

/** A media type of a request body, response or parameter. */
const mediaRule = ({ change, loc, after }) => {
  const sent = loc.direction === "input" ? "accepts" : "can answer with";
  if (change.type === "CREATE" && isSuccessBody(change, loc) && !answeredAlready(after, change.path, loc.arg))
    return breaking(`${loc.where}: ${sent} a new media type, which a call's data may now be`);
  if (change.type === "CREATE") return additive(`${loc.where}: ${sent} a new media type`);
  if (change.type === "REMOVE") return breaking(`${loc.where}: media type removed`);
  return unclassified({ change, loc });
};

/** Whether a `responses` key is a success, whose body a call's `data` is typed as. */
const isSuccess = (status) => /^2/.test(String(status).trim());

const hasContent = (response) => Object.keys(response?.content ?? {}).length > 0;

/** Whether a media type's place is a success the API answers with (`[…, "responses", status, "content", media]`). */
const isSuccessBody = (change, loc) =>
  loc.holder === "response" && loc.direction === "output" && isSuccess(change.path.at(-3));

/** Whether the schema of the media type `media` at `path` of `after` is that of another media type of its response. */
function answeredAlready(after, path, media) {
  const content = valueAt(after, path.slice(0, -1));
  const schema = content[media]?.schema;
  return Object.entries(content).some(([other, value]) => other !== media && value?.schema === schema);
}

/**
 * Whether two responses of one document have the same bodies: the same media types, each of the same schema (one
 * component both refer to, which normalizing kept as one object). A schema written out twice counts as another.
 */
function sameBody(one, other) {
  const media = Object.keys(one?.content ?? {});
  const otherMedia = Object.keys(other?.content ?? {});
  return (
    media.length === otherMedia.length &&
    media.every((type) => other.content[type] !== undefined && other.content[type].schema === one.content[type].schema)
  );
}

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

// --- the document --------------------------------------------------------------------------

/**
 * The document's own keywords document the API, but for its first server: the client's default base URL
 * (`<PACKAGE>_BASE_URL`, which new-client wrote from it), so calls that give none now go elsewhere.
 */
const documentRule = ({ loc, before, after }) => {
  if (loc.keyword === "servers") {
    const [was, now] = [before, after].map(defaultServerUrl);
    if (was !== now)
      return breaking(`default server ${was ?? "(none)"} → ${now ?? "(none)"} (the client's default base URL moves)`);
  }
  return docs(`${loc.where} changed`);
};

/** The first server's URL, its variables given their defaults, without a trailing slash; undefined for none. */
function defaultServerUrl(document) {
  const server = document.servers?.[0];
  return typeof server?.url === "string" ? withVariableDefaults(server).url.replace(/\/$/, "") : undefined;
}

// --- the tables --------------------------------------------------------------------------

/**
 * Looks the keyword up in `table`; an extension (`x-…`) it does not name is `onExtension` (additive by
 * default), any other keyword `onUnknown` (unclassified by default).
 */
const fieldRule =
  (table, { onExtension = (context) => additive(`${about(context.loc)} changed`), onUnknown = unclassified } = {}) =>
  (context) => {
    const rule = table[context.loc.keyword];
    if (rule) return rule(context);
    return isExtension(context.loc.keyword) ? onExtension(context) : onUnknown(context);
  };

/** Rules by {@link Location} kind. */
const RULES = {
  document: documentRule,
  "schema-name": schemaNameRule,
  "security-scheme": securitySchemeRule,
  "security-scheme-field": fieldRule(SECURITY_SCHEME_FIELDS, {
    onUnknown: ({ loc }) => breaking(`${loc.where}: ${loc.keyword} changed (the credential is sent differently)`),
  }),
  operation: addedOrRemovedRule,
  "operation-field": fieldRule(OPERATION_FIELDS),
  security: securityRule,
  parameter: addedMaybeRequiredRule,
  "parameter-field": fieldRule(HOLDER_FIELDS),
  "request-body": addedMaybeRequiredRule,
  "request-body-field": fieldRule(HOLDER_FIELDS),
  response: responseRule,
  "response-field": fieldRule(HOLDER_FIELDS),
  header: addedOrRemovedRule,
  "header-field": fieldRule(HOLDER_FIELDS),
  media: mediaRule,
  "media-field": fieldRule({ encoding: ({ loc }) => breaking(`${loc.where}: encoding changed`) }),
  schema: wholeSchemaRule,
  "schema-field": fieldRule(SCHEMA_FIELDS, { onExtension: (context) => docs(`${about(context.loc)} changed`) }),
};

/**
 * Classifies one change of the normalized documents.
 * @param {{ change: import("./graph-diff.mjs").Difference, loc: import("./locate.mjs").Location, before: object, after: object }} context
 * @returns {{ level: "breaking"|"additive"|"docs", message: string } | null}
 */
export function classify(context) {
  const { loc } = context;
  if (DOC_KEYWORDS.has(loc.keyword) && loc.kind !== "schema-name") return docs(`${about(loc)} changed`);
  return RULES[loc.kind](context);
}

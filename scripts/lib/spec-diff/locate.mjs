// Reads a change path of the normalized document (see normalize.mjs) as a location:
// which operation, which part of it (parameter, request body, response, security…),
// whether data flows into the API (input) or out of it (output), and, inside a schema,
// which keyword changed and for which field.
import { SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES } from "../spec/schema-keywords.mjs";

/**
 * @typedef {object} Location
 * @property {string} kind       what changed: "document", "schema-name", "security-scheme", "operation", "security",
 *                               "parameter", "request-body", "media", "response", "header", "schema" (a whole part),
 *                               or the same with "-field" for one of its keywords
 * @property {string} [keyword]  the keyword that changed inside the part (`required`, `enum`, `operationId`…)
 * @property {string|number} [arg] what the keyword names: a property, enum key, type, list index…
 * @property {string} [operation] `GET /path` (operations) or `POST name` (webhooks)
 * @property {"input"|"output"} [direction] whether the data is sent by the client or received by it
 * @property {Array<string|number>} [node] the path of the object that holds `keyword` (for lookups)
 * @property {string} [field]    inside a schema: the field holding the keyword (`items[].name`), "" at the top
 * @property {string} [place]    inside a schema: `where` without the field
 * @property {string} where      a human description of the place, without the operation
 */

/** The {@link Location} of a change path. */
export function locate(path) {
  const [area, name, ...rest] = path;
  if (area === "operations" || area === "webhooks") return locateInOperation(path, rest, name, area === "webhooks");
  if (area === "securitySchemes") {
    if (rest.length === 0) return { kind: "security-scheme", arg: name, where: `security scheme ${name}` };
    return {
      kind: "security-scheme-field",
      keyword: rest[0],
      arg: name,
      node: path.slice(0, 2),
      where: `security scheme ${name}`,
    };
  }
  if (area === "schemas" && name !== undefined) return { kind: "schema-name", arg: name, where: "components.schemas" };
  return { kind: "document", keyword: area, where: `document ${path.join(".")}` };
}

function locateInOperation(path, rest, operation, webhook) {
  // A webhook's request is what the API sends to the client: the directions flip.
  const input = webhook ? "output" : "input";
  const output = webhook ? "input" : "output";
  const base = { operation, node: path.slice(0, 2) };
  if (rest.length === 0) return { ...base, kind: "operation", where: webhook ? "webhook" : "operation" };
  const [part, key, ...tail] = rest;
  const at = (count) => path.slice(0, 2 + count);
  switch (part) {
    case "security":
      if (key === undefined) return { ...base, kind: "operation-field", keyword: "security", where: "security" };
      return { ...base, kind: "security", arg: key, where: "security" };
    case "parameters":
      if (key === undefined) return { ...base, kind: "operation-field", keyword: "parameters", where: "parameters" };
      return inHolder({ ...base, direction: input }, "parameter", `parameter ${key}`, tail, at(2));
    case "requestBody":
      return inHolder({ ...base, direction: input }, "request-body", "request body", rest.slice(1), at(1));
    case "responses":
      if (key === undefined) return { ...base, kind: "operation-field", keyword: "responses", where: "responses" };
      return inResponse({ ...base, direction: output }, key, tail, at(2));
    default:
      return { ...base, kind: "operation-field", keyword: part, arg: key, where: String(part) };
  }
}

function inResponse(base, status, tail, node) {
  if (tail[0] === "headers" && tail[1] !== undefined) {
    return inHolder(base, "header", `response ${status} header ${tail[1]}`, tail.slice(2), [
      ...node,
      "headers",
      tail[1],
    ]);
  }
  return inHolder(base, "response", `response ${status}`, tail, node);
}

/** A parameter, request body, response or header: a `schema`, `content.<media>.schema`, or its own keywords. */
function inHolder(base, kind, where, tail, node) {
  if (tail.length === 0) return { ...base, kind, where };
  const [keyword, media, ...more] = tail;
  if (keyword === "schema") return inSchema({ ...base, where }, tail.slice(1), [...node, "schema"]);
  if (keyword === "content" && media !== undefined) {
    const mediaWhere = `${where} ${media}`;
    if (more.length === 0) return { ...base, kind: "media", arg: media, holder: kind, where: mediaWhere };
    if (more[0] === "schema")
      return inSchema({ ...base, where: mediaWhere }, more.slice(1), [...node, "content", media, "schema"]);
    return { ...base, kind: "media-field", keyword: more[0], node: [...node, "content", media], where: mediaWhere };
  }
  return { ...base, kind: `${kind}-field`, keyword, arg: media, node, where };
}

/** Walks sub-schema keywords down to the keyword that changed, naming the field on the way. */
function inSchema(base, tail, node) {
  let field = "";
  let i = 0;
  while (i < tail.length) {
    const keyword = tail[i];
    const last = i === tail.length - 1;
    const nameFollows = SCHEMA_MAPS.has(keyword) || SCHEMA_LISTS.has(keyword);
    if (nameFollows && i + 1 < tail.length) {
      const arg = tail[i + 1];
      if (i + 2 === tail.length) return schemaLocation(base, keyword, arg, node, field);
      field = joinField(field, keyword, arg);
      node = [...node, keyword, arg];
      i += 2;
    } else if (SCHEMA_SINGLES.has(keyword) && !last) {
      field = joinField(field, keyword);
      node = [...node, keyword];
      i += 1;
    } else {
      return schemaLocation(base, keyword, tail[i + 1], node, field, tail.slice(i + 2));
    }
  }
  return { ...base, kind: "schema", node, field, where: fieldWhere(base.where, field) };
}

function schemaLocation(base, keyword, arg, node, field, deeper = []) {
  return {
    ...base,
    kind: "schema-field",
    keyword,
    arg,
    deeper,
    node,
    field,
    place: base.where,
    where: fieldWhere(base.where, field),
  };
}

function joinField(field, keyword, arg) {
  if (keyword === "properties") return field ? `${field}.${arg}` : String(arg);
  if (keyword === "items") return `${field}[]`;
  if (keyword === "additionalProperties" || keyword === "patternProperties") return `${field}{*}`;
  // allOf members merge into one object: their fields are the object's own.
  if (keyword === "allOf") return field;
  if (SCHEMA_LISTS.has(keyword)) return `${field}<${keyword} ${arg}>`;
  return `${field}<${keyword}>`;
}

/** `where`, naming `field` when there is one. */
export function fieldWhere(where, field) {
  return field ? `${where}, field \`${field}\`` : where;
}

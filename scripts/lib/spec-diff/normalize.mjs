// Turns a dereferenced OpenAPI document into a shape a structural diff can compare
// meaningfully: arrays whose order carries no meaning become keyed maps, so removing one
// parameter or enum value shows up as that one removal instead of a shifted list.
//
//   operations      { "GET /pets/{id}": operation }   (path-level parameters merged in)
//   webhooks        { "POST petAdopted": operation }
//   securitySchemes { name: scheme }
//   schemas         { '"Name"': "Name" }                (the names a client exports as types)
//   parameters      { "query:limit": parameter }       (header names lower-cased)
//   security        { "ApiKey+Bearer": true, "(none)": true }  (requirement alternatives)
//   enum / required / type / any list of plain values   { "<JSON of value>": value }

import { METHODS } from "../spec/meta.mjs";
import { SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES } from "../spec/schema-keywords.mjs";
import { mergeAllOf } from "./merge-all-of.mjs";

/** The key of a security alternative that needs no credentials (`- {}`). */
export const NO_AUTH = "(none)";

/**
 * The comparable form of a dereferenced document (see the module comment).
 * Shared (and recursive) schemas stay shared: each distinct object is normalized once, and the
 * copies of one schema (see {@link Seen}) are normalized as one.
 */
export function normalizeDocument(document) {
  const seen = new Seen();
  const rootSecurity = document.security;
  const operationsOf = (items) => {
    const operations = keyed();
    for (const [path, item] of Object.entries(items ?? {})) {
      for (const method of METHODS) {
        if (!item?.[method]) continue;
        // A path item's servers are its operations' own unless they name theirs: where their calls go.
        const operation =
          item.servers && !item[method].servers ? { ...item[method], servers: item.servers } : item[method];
        operations[`${method.toUpperCase()} ${path}`] = normalizeOperation(
          operation,
          item.parameters,
          rootSecurity,
          seen,
        );
      }
    }
    return operations;
  };
  const rest = omit(document, ["paths", "webhooks", "components", "security"]);
  return Object.assign(normalizeValue(rest, seen), {
    operations: operationsOf(document.paths),
    webhooks: operationsOf(document.webhooks),
    securitySchemes: normalizeValue(document.components?.securitySchemes ?? {}, seen),
    schemas: asSet(Object.keys(document.components?.schemas ?? {})),
  });
}

function normalizeOperation(operation, pathParameters = [], rootSecurity, seen) {
  const parameters = keyed();
  for (const parameter of [...pathParameters, ...(operation.parameters ?? [])]) {
    parameters[parameterKey(parameter)] = normalizeParameter(parameter, seen);
  }
  const security = keyed();
  for (const requirement of operation.security ?? rootSecurity ?? []) {
    security[securityKey(requirement)] = true;
  }
  const rest = omit(operation, ["parameters", "security", "requestBody", "responses"]);
  const result = Object.assign(normalizeValue(rest, seen), { parameters, security });
  if (operation.requestBody) result.requestBody = normalizeWithContent(operation.requestBody, seen);
  result.responses = keyed();
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    result.responses[status] = normalizeResponse(response, seen);
  }
  return result;
}

/** `in:name`, the identity of a parameter (header names are case-insensitive). */
function parameterKey(parameter) {
  return `${parameter.in}:${parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name}`;
}

/** The scheme names of one security alternative, sorted and joined with `+`; {@link NO_AUTH} for `{}`. */
function securityKey(requirement) {
  const names = Object.keys(requirement ?? {}).sort();
  return names.length ? names.join("+") : NO_AUTH;
}

function normalizeParameter(parameter, seen) {
  return normalizeWithContent(parameter, seen);
}

function normalizeResponse(response, seen) {
  const result = normalizeWithContent(omit(response, ["headers"]), seen);
  // Every response has its (maybe empty) headers map, so that a response's first header added, or its last removed,
  // is that one header created or removed, as any other is, not the whole map.
  result.headers = keyed();
  for (const [name, header] of Object.entries(response.headers ?? {}))
    result.headers[name.toLowerCase()] = normalizeWithContent(header, seen);
  return result;
}

/** A parameter, header, request body or response: `schema` and `content.*.schema` are schemas. */
function normalizeWithContent(object, seen) {
  const result = normalizeValue(omit(object, ["schema", "content"]), seen);
  if (object.schema) result.schema = normalizeSchema(object.schema, seen);
  if (object.content) {
    result.content = keyed();
    for (const [media, value] of Object.entries(object.content)) {
      const entry = normalizeValue(omit(value ?? {}, ["schema"]), seen);
      if (value?.schema) entry.schema = normalizeSchema(value.schema, seen);
      result.content[media] = entry;
    }
  }
  return result;
}

/**
 * What has been normalized, by source object: shared (and recursive) parts stay shared. Schemas
 * are also found by their entries: dereferencing copies a schema at each `$ref` to it (shallow
 * copies, sharing its values), and the copies of one schema must be one schema, or the copy in
 * front of a recursive schema's loop (`Node` in a response, then `Node.children.items`, a second
 * copy that loops to itself) is compared as a schema of its own and each change in it shows twice.
 */
class Seen {
  /** @type {WeakMap<object, any>} normalized forms by source object */
  #forms = new WeakMap();
  /**
   * @type {WeakMap<object, any>} plain values (no schema keyword made sets) by source object, apart from the forms
   * above: a schema met first where nothing reads it as one (a 3.0 spec's `x-webhooks`, an operation's `callbacks`)
   * is still normalized as a schema where an operation uses it.
   */
  values = new WeakMap();
  /** @type {Map<string, object>} normalized schemas by {@link Seen#entriesKey} */
  #byEntries = new Map();
  /** @type {WeakMap<object, number>} an id for each object value met, for {@link Seen#entriesKey} */
  #ids = new WeakMap();
  #nextId = 0;

  has(source) {
    return this.#forms.has(source);
  }

  get(source) {
    return this.#forms.get(source);
  }

  set(source, normalized) {
    this.#forms.set(source, normalized);
  }

  /** The normalized form of an earlier copy of a schema, by its {@link Seen#entriesKey}, if any. */
  copyOf(entries) {
    return this.#byEntries.get(entries);
  }

  /** Records `normalized` as the form of `schema` and of its copies (`entries`: its {@link Seen#entriesKey}). */
  setSchema(schema, entries, normalized) {
    this.set(schema, normalized);
    this.#byEntries.set(entries, normalized);
  }

  /** `schema`'s keys and values, objects by identity: equal for copies of one schema. */
  entriesKey(schema) {
    return Object.entries(schema)
      .map(([key, value]) => `${JSON.stringify(key)}:${this.#identity(value)}`)
      .join(",");
  }

  #identity(value) {
    if (value === null || typeof value !== "object") return JSON.stringify(value) ?? String(value);
    let id = this.#ids.get(value);
    if (id === undefined) this.#ids.set(value, (id = this.#nextId++));
    return `#${id}`;
  }
}

/**
 * A JSON Schema with its `allOf` members merged in where they merge cleanly (merge-all-of.mjs), keyed `enum`,
 * `required` and `type`, and its sub-schemas normalized too.
 */
function normalizeSchema(schema, seen) {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  if (seen.has(schema)) return seen.get(schema);
  const entries = seen.entriesKey(schema);
  const copy = seen.copyOf(entries);
  if (copy) {
    seen.set(schema, copy);
    return copy;
  }
  const result = keyed();
  seen.setSchema(schema, entries, result);
  for (const [key, value] of Object.entries(mergeAllOf(schema))) {
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      result[key] = normalizeSchemaMap(value, seen);
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      result[key] = normalizeSchemaList(value, seen);
    } else if (SCHEMA_SINGLES.has(key)) {
      result[key] = normalizeSchema(value, seen);
    } else if (key === "type") {
      result.type = asSet(Array.isArray(value) ? value : [value]);
    } else if (key === "examples" || key === "example" || key === "default" || key === "const") {
      result[key] = value;
    } else {
      result[key] = normalizeValue(value, seen);
    }
  }
  return result;
}

/**
 * `properties` and the other maps of sub-schemas, once per map: a schema copied with a keyword of
 * its own (`$ref` beside `description`) still shares them with the schema it copies.
 */
function normalizeSchemaMap(map, seen) {
  if (seen.has(map)) return seen.get(map);
  const result = keyed();
  seen.set(map, result);
  for (const [name, sub] of Object.entries(map)) result[name] = normalizeSchema(sub, seen);
  return result;
}

/** `allOf` and the other lists of sub-schemas, once per list (see {@link normalizeSchemaMap}). */
function normalizeSchemaList(list, seen) {
  if (seen.has(list)) return seen.get(list);
  const result = [];
  seen.set(list, result);
  for (const sub of list) result.push(normalizeSchema(sub, seen));
  return result;
}

/** Plain values as they are; lists of plain values as keyed sets; objects copied key by key. */
function normalizeValue(value, seen) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    return value.every((item) => item === null || typeof item !== "object")
      ? asSet(value)
      : value.map((item) => normalizeValue(item, seen));
  }
  if (seen.has(value)) return seen.get(value);
  if (seen.values.has(value)) return seen.values.get(value);
  const result = keyed();
  seen.values.set(value, result);
  for (const [key, item] of Object.entries(value)) result[key] = normalizeValue(item, seen);
  return result;
}

/** A keyed set `{ "<JSON of value>": value }`; JSON keeps `1` and `"1"` apart. */
function asSet(values) {
  return Object.assign(keyed(), Object.fromEntries(values.map((item) => [JSON.stringify(item), item])));
}

/** An object without a prototype, so keys such as `constructor` compare like any other. */
function keyed() {
  return Object.create(null);
}

function omit(object, keys) {
  return Object.fromEntries(Object.entries(object ?? {}).filter(([key]) => !keys.includes(key)));
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

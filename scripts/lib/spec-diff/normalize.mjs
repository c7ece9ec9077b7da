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

/** The key of a security alternative that needs no credentials (`- {}`). */
export const NO_AUTH = "(none)";

/**
 * The comparable form of a dereferenced document (see the module comment).
 * Shared (and recursive) schemas stay shared: each distinct object is normalized once.
 */
export function normalizeDocument(document) {
  const seen = new WeakMap();
  const rootSecurity = document.security;
  const operationsOf = (items) => {
    const operations = keyed();
    for (const [path, item] of Object.entries(items ?? {})) {
      for (const method of METHODS) {
        if (!item?.[method]) continue;
        operations[`${method.toUpperCase()} ${path}`] = normalizeOperation(
          item[method],
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
  if (response.headers) {
    result.headers = keyed();
    for (const [name, header] of Object.entries(response.headers))
      result.headers[name.toLowerCase()] = normalizeWithContent(header, seen);
  }
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

/** A JSON Schema with keyed `enum`, `required` and `type`, and its sub-schemas normalized too. */
function normalizeSchema(schema, seen) {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  if (seen.has(schema)) return seen.get(schema);
  const result = keyed();
  seen.set(schema, result);
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      result[key] = keyed();
      for (const [name, sub] of Object.entries(value)) result[key][name] = normalizeSchema(sub, seen);
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      result[key] = value.map((sub) => normalizeSchema(sub, seen));
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

/** Plain values as they are; lists of plain values as keyed sets; objects copied key by key. */
function normalizeValue(value, seen) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    return value.every((item) => item === null || typeof item !== "object")
      ? asSet(value)
      : value.map((item) => normalizeValue(item, seen));
  }
  if (seen.has(value)) return seen.get(value);
  const result = keyed();
  seen.set(value, result);
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

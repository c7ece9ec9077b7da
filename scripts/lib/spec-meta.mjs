// Derives the runtime metadata of an API (`<spec>.meta.ts`) from its dereferenced spec:
// security schemes, each operation's security alternatives, declared header parameters,
// pagination and batch limits, and JSON-encoded query parameters.

/** HTTP methods an OpenAPI path item can hold, in spec order. */
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Parameters of an operation, path-level ones overridden by operation-level ones (same `in` and name). */
export function parametersOf(pathItem, operation) {
  const byKey = new Map();
  for (const parameter of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  return [...byKey.values()];
}

/** @param {any} spec a bundled, dereferenced OpenAPI 3.1 document */
export function deriveMeta(spec, specLabel) {
  const securitySchemes = {};
  for (const [name, scheme] of Object.entries(spec.components?.securitySchemes ?? {})) {
    securitySchemes[name] = schemeMeta(name, scheme, specLabel);
  }

  const operations = {};
  const jsonQueryParameters = new Set();
  for (const [path, pathItem] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path} in ${specLabel}`;
      if (!operation.operationId) throw new Error(`${where} has no operationId`);
      const parameters = parametersOf(pathItem, operation);
      for (const p of parameters) {
        if (p.in === "query" && p.content?.["application/json"]) jsonQueryParameters.add(p.name);
      }

      const security = (operation.security ?? spec.security ?? []).map((requirement) => Object.keys(requirement));
      for (const name of security.flat()) {
        if (!securitySchemes[name]) throw new Error(`${where} names an undefined security scheme "${name}"`);
      }
      const meta = { id: operation.operationId, security };
      const headers = parameters.filter((p) => p.in === "header").map((p) => p.name);
      if (headers.length) meta.headers = headers;
      const pagination = operation["x-keyway-pagination"];
      if (pagination) meta.pagination = paginationMeta(pagination, operation, parameters, where);
      if (operation["x-keyway-idempotent"] === true) meta.idempotent = true;
      const maxItems = operation.requestBody?.content?.["application/json"]?.schema?.maxItems;
      if (typeof maxItems === "number") meta.maxBodyItems = maxItems;
      operations[`${method.toUpperCase()} ${path}`] = meta;
    }
  }
  const headerAliases = headerAliasesMeta(spec.info?.["x-keyway-header-aliases"], securitySchemes, specLabel);
  return { securitySchemes, operations, jsonQueryParameters: [...jsonQueryParameters].sort(), ...(headerAliases ? { headerAliases } : {}) };
}

/**
 * `info.x-keyway-header-aliases`: per family (e.g. a renamed service), the alias of each header
 * name the document uses. Every family must name an alias for every security scheme's header,
 * so that a client switched to it sends no header of the other family.
 */
function headerAliasesMeta(extension, securitySchemes, specLabel) {
  if (extension === undefined) return undefined;
  const where = `info.x-keyway-header-aliases in ${specLabel}`;
  if (typeof extension !== "object" || extension === null) throw new Error(`${where} must map family names to { header: alias } objects`);
  for (const [family, aliases] of Object.entries(extension)) {
    if (typeof aliases !== "object" || aliases === null || Object.values(aliases).some((alias) => typeof alias !== "string" || !alias)) {
      throw new Error(`${where}: family "${family}" must map header names to alias names`);
    }
    const missing = Object.values(securitySchemes).map((scheme) => scheme.header).filter((header) => !(header in aliases));
    if (missing.length) throw new Error(`${where}: family "${family}" has no alias for ${missing.join(", ")}`);
  }
  return extension;
}

function schemeMeta(name, scheme, specLabel) {
  const secret = scheme["x-keyway-secret"] ?? true;
  const browserSafe = scheme["x-keyway-browser-safe"] === true;
  const base = browserSafe ? { secret, browserSafe } : { secret };
  if (scheme.type === "apiKey" && scheme.in === "header") return { header: scheme.name, ...base };
  if ((scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer") || scheme.type === "oauth2" || scheme.type === "openIdConnect") {
    return { header: "Authorization", prefix: "Bearer ", ...base };
  }
  throw new Error(`Security scheme "${name}" in ${specLabel} is ${scheme.type}${scheme.in ? ` in ${scheme.in}` : ""}; keyway supports apiKey headers and bearer tokens`);
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
  if (extension.in !== "body" && extension.in !== "query") throw new Error(`${where}: x-keyway-pagination.in must be "body" or "query"`);

  const limitSchema =
    extension.in === "body"
      ? operation.requestBody?.content?.["application/json"]?.schema?.properties?.[extension.limit]
      : parameters.find((p) => p.in === "query" && p.name === extension.limit)?.schema;
  if (!limitSchema) throw new Error(`${where}: x-keyway-pagination.limit "${extension.limit}" is not a ${extension.in} property`);
  const meta = Object.fromEntries(required.map((key) => [key, extension[key]]));
  if (typeof limitSchema.default === "number") meta.pageSize = limitSchema.default;
  return meta;
}

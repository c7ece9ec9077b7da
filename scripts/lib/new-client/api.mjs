// What a new client is made of, read from its dereferenced spec: one factory option per security
// scheme, the default base URL, and the operation its generated test calls.
import { UsageError } from "../cli.mjs";
import { ignoredHeaders, METHODS, parametersOf } from "../spec/meta.mjs";
import { isJsonMediaType, isNoContentStatus, isTextMediaType } from "../spec/media-types.mjs";
import { withVariableDefaults } from "../spec/server-url.mjs";
import { camelCase } from "./naming.mjs";
import { firstType, isScalarSchema, sampleValue } from "./samples.mjs";

/**
 * Option names a client factory already has, or passes on to `createApiClient` with its options spread: every name
 * of the runtime's `API_CLIENT_OPTIONS` (a test holds this list to it), and header-auth's and the client's own.
 */
export const RESERVED_OPTIONS = new Set([
  // BaseClientOptions and TransportOptions
  "baseUrl",
  "fetch",
  "headers",
  "dangerouslyAllowBrowser",
  "instrumentation",
  "userAgent",
  "secretParameters",
  "maxRetries",
  "timeout",
  "retryNonIdempotent",
  "hooks",
  "allowedRedirectOrigins",
  "maxResponseBytes",
  // createApiClient's own
  "meta",
  "auth",
  "isRetryableResponse",
  "recover",
  "toError",
  "readResponse",
  "requestIdHeaders",
  "service",
  "sdk",
  "formBodies",
  "mediaBodies",
  "cookieParameters",
  "headerParameters",
  "operationServers",
  // createHeaderAuth's, and the client's
  "credentials",
  "headerDefaults",
  "withOptions",
]);

/** How a scheme's credential is given and sent, for option docs and the README. */
function credentialKind(scheme) {
  if (scheme.type === "oauth2" || scheme.type === "openIdConnect") return "oauth";
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") return "basic";
  return scheme.type === "http" ? "bearer" : "apiKey";
}

/** How a scheme's credential reaches the wire: schemes alike in it take the same value. */
const wireOf = (schemeMeta) =>
  JSON.stringify([schemeMeta.header.toLowerCase(), schemeMeta.prefix ?? "", schemeMeta.encoding ?? ""]);

/**
 * One factory option per security scheme keyway can send: its name, the schemes it fills, the header it fills, how
 * its credential is given (`kind`), and whether every operation needs it (then the option is required). Schemes whose
 * names differ only in case or punctuation and that send their credential alike (Telnyx's `BearerAuth` and
 * `bearerAuth`, both bearer tokens) are one credential under two names: one option fills both.
 */
export function credentialOptions(spec, meta) {
  // An operation keyway cannot authenticate (`unsendable`) is never called, so it makes no option optional.
  const alternatives = Object.values(meta.operations)
    .filter((operation) => !operation.unsendable)
    .flatMap((operation) => (operation.security.length ? operation.security : [[]]));
  const byOption = new Map();
  for (const [scheme, schemeMeta] of Object.entries(meta.securitySchemes)) {
    const option = optionName(scheme, spec.components.securitySchemes[scheme]);
    const twin = byOption.get(option);
    if (twin && wireOf(twin.meta) !== wireOf(schemeMeta))
      throw new UsageError(
        `security schemes "${twin.schemes[0]}" and "${scheme}" both become the option "${option}" but send different ` +
          `credentials (${headerText(twin.meta)}, ${headerText(schemeMeta)}): rename one`,
      );
    if (twin) twin.schemes.push(scheme);
    else byOption.set(option, { option, schemes: [scheme], meta: schemeMeta });
  }
  const options = [...byOption.values()].map(({ option, schemes, meta: schemeMeta }) => {
    const definition = spec.components.securitySchemes[schemes[0]];
    return {
      option,
      schemes,
      kind: credentialKind(definition),
      header: schemeMeta.header,
      prefix: schemeMeta.prefix ?? "",
      description: definition.description?.trim().replace(/\s+/g, " "),
      required:
        alternatives.length > 0 &&
        alternatives.every((alternative) => alternative.some((scheme) => schemes.includes(scheme))),
    };
  });
  for (const { schemes, option } of options) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(option))
      throw new UsageError(
        `security scheme "${schemes[0]}" gives no usable option name ("${option}"): rename the scheme`,
      );
  }
  return options;
}

/** What names a credential of each kind, after a scheme name that is already an option of every client. */
const KIND_NOUNS = { apiKey: "Key", bearer: "Token", oauth: "Token", basic: "Credentials" };

/**
 * The factory option of a security scheme: its name in camel case (`BearerAuth` → `bearerAuth`), followed by what its
 * credential is when that name is already an option of every client (Lufthansa's OAuth 2 scheme `auth` → `authToken`,
 * since `auth` is createApiClient's own) or a member every object has (`Constructor` → `constructorKey`: the options
 * object would hold it when the caller passes none): the spec is the vendor's, so a name it gives is never a reason to
 * stop.
 */
function optionName(scheme, definition) {
  const option = camelCase(scheme);
  const taken = RESERVED_OPTIONS.has(option) || option in Object.prototype;
  return taken ? option + KIND_NOUNS[credentialKind(definition)] : option;
}

/** `Authorization: Bearer …`, `X-Api-Key`: the header a scheme or option fills, and its prefix. */
export const headerText = ({ header, prefix }) => `${header}${prefix ? `: ${prefix}…` : ""}`;

/**
 * The client's default base URL: the spec's first server, its variables given their defaults; or, when it has none
 * a client can use, why (`reason` completes "specs/x.json …"): no server, a relative one, a variable without a
 * default, a user name or password in it, or plain http to a host where the API's secret credentials would be
 * refused.
 *
 * @returns {{ url: string } | { reason: string }}
 */
export function defaultBaseUrl(spec, meta) {
  const server = spec.servers?.[0];
  if (!server?.url) return { reason: "names no server" };
  const { url, unset } = withVariableDefaults(server);
  if (unset.length > 0) return { reason: `names a server whose variable "${unset[0]}" has no default (${server.url})` };
  if (!/^https?:\/\//.test(url)) return { reason: `names only the relative server "${server.url}": give its host` };
  // A variable's default may itself be a placeholder ("{environment}", VTEX), which URL parsing takes as part of a host.
  if (/[{}]/.test(url) || !URL.canParse(url))
    return { reason: `names a server that its variables' defaults do not make a URL (${url})` };
  const secret = Object.values(meta.securitySchemes).some((scheme) => scheme.secret);
  const { protocol, hostname, username, password } = new URL(url);
  // The client refuses such a base URL (a credential outside the security schemes), so the README's call would fail.
  if (username || password)
    return {
      reason: `names a server with a user name or password in its URL (${protocol}//…@${hostname}): give it without`,
    };
  if (protocol === "http:" && secret && !isLoopbackName(hostname))
    return { reason: `names the plain-http server ${url}, where its secret credentials are never sent: give https://` };
  return { url: url.replace(/\/$/, "") };
}

function isLoopbackName(hostname) {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * How the generated test reads an operation's success, best first: a JSON body with a schema (`data` typed by it),
 * then JSON without one or no body at all, then a body of another media type, read as text or as a Blob.
 */
const REPLY_TIERS = { json: 0, "untyped json": 1, empty: 1, text: 2, blob: 2 };

/**
 * The success the generated test answers with and how the call reads it: the operation's lowest 2xx (the one the
 * fake answers with), its JSON media type if it has one, else its first; none for a 204 or 205, which never has one.
 * An operation that declares no 2xx succeeds with its `default` (as the types read it, generate's default-success.mjs),
 * or with no body when it has none (OpenAPI 3.1 lets an operation leave its responses out): a `2XX`, answered as a 200.
 */
function replyOf(operation) {
  const [status, response] = /** @type {[string, any]} */ (
    successesOf(operation)[0] ?? ["2XX", operation.responses?.default ?? {}]
  );
  const types = isNoContentStatus(status) ? [] : Object.keys(response.content ?? {});
  const json = types.find(isJsonMediaType);
  if (json) {
    const { schema } = response.content[json];
    return { status, kind: schema ? "json" : "untyped json", mediaType: json, schema: schema ?? { type: "object" } };
  }
  const [first] = types;
  if (first === undefined) return { status, kind: "empty" };
  // A wildcard (`*/*`, `image/*`) names no type a server answers with.
  const mediaType = first.includes("*") ? "application/octet-stream" : first.trim();
  return { status, kind: isTextMediaType(mediaType) ? "text" : "blob", mediaType };
}

/** The operation's 2xx responses, lowest status first (a range such as `2XX` after the codes). */
function successesOf(operation) {
  return Object.entries(operation.responses ?? {})
    .filter(([status]) => /^2/.test(status))
    .sort(([a], [b]) => (Number(a) || 299.5) - (Number(b) || 299.5));
}

/**
 * Whether the generated test can give `parameter` a value the client writes as one plain value, in its style's
 * delimiters: a string, number or boolean, or a list whose sample is one such item (a one-item list is written as its
 * item in every style that takes lists). The test then writes the URL it expects without the client's serializers.
 */
function isWrittenAsOneValue(parameter) {
  const { schema } = parameter;
  if (!schema) return false;
  if (isScalarSchema(schema)) return true;
  if (parameter.style === "deepObject" || firstType(schema) !== "array" || !isScalarSchema(schema.items)) return false;
  const sample = sampleValue(schema, parameter.name);
  return Array.isArray(sample) && sample.length === 1;
}

/** The form media types whose body the runtime writes from a plain object (formBodies, mediaBodies). */
const FORM_MEDIA_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The media type the generated test sends a required body as: the body's JSON one, else a form (URL-encoded or
 * multipart) whose schema is an object, which the client writes from the same plain object of sample values (synq.fm's
 * and Nexmo SMS's operations take their fields so, and nothing else), else one of another media type whose schema is a
 * string, which the client sends as the text it is (Open Banking's `application/jwt` event notifications, a
 * `text/plain` note). `undefined` when it has none of them.
 */
function sendableBodyMedia(content) {
  const types = Object.keys(content);
  const json = types.find(isJsonMediaType);
  if (json) return { mediaType: json, form: false };
  const isForm = (type) => FORM_MEDIA_TYPES.includes((type.split(";")[0] ?? "").trim().toLowerCase());
  const form = types.find(isForm);
  if (form !== undefined) {
    const sample = sampleValue(content[form].schema, "body");
    if (typeof sample === "object" && sample !== null && !Array.isArray(sample)) return { mediaType: form, form: true };
  }
  const text = types.find((type) => !isForm(type) && typeof sampleValue(content[type].schema, "body") === "string");
  return text === undefined ? undefined : { mediaType: text, form: false, text: true };
}

/**
 * The operation the generated test calls: one keyway can authenticate (not `unsendable`) whose required parameters
 * are plain values and whose required body, if any, is JSON, a form of an object or text ({@link sendableBodyMedia}).
 * It prefers an operation whose body is JSON, then a form, then one that declares a 2xx response, then a success the
 * test can check best ({@link REPLY_TIERS}), then GET, then the most credentials in its first security alternative (so
 * the test checks the most headers), then the fewest required parameters.
 */
export function chooseOperation(spec, meta) {
  let best;
  const ignored = ignoredHeaders(spec);
  /** Why operations were passed over, with the first operation passed over for each reason. */
  const passedOver = new Map();
  for (const [path, pathItem] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      if (!pathItem[method]) continue;
      const candidate = testableOperation(spec, meta, path, method, ignored);
      if ("passOver" in candidate) {
        const entry = passedOver.get(candidate.passOver) ?? { count: 0, example: `${method.toUpperCase()} ${path}` };
        entry.count++;
        passedOver.set(candidate.passOver, entry);
      } else if (!best || candidate.score > best.score) best = candidate;
    }
  }
  if (!best && passedOver.size === 0)
    throw new UsageError(
      "the spec declares no operation (its paths are empty): a client is made of an API's operations",
    );
  if (!best) {
    const reasons = [...passedOver].map(
      ([reason, { count, example }]) => `${count} with ${reason}, such as ${example}`,
    );
    throw new UsageError(
      "the spec has no operation the generated test can call: it needs one keyway can authenticate, with plain required " +
        `parameters and, if it requires a body, a JSON one, a form of fields or text. Passed over: ${reasons.join("; ")}`,
    );
  }
  return best;
}

/**
 * What the generated test would send to the operation at `method` `path` ({@link callOf} writes its call), and its
 * score among the others ({@link chooseOperation}); or why it cannot call it (`passOver`). `ignored` is
 * {@link ignoredHeaders} of the spec.
 *
 * @example
 * ```js
 * const candidate = testableOperation(spec, meta, "/users/{id}", "get", ignoredHeaders(spec));
 * if (!("passOver" in candidate)) callOf(candidate).init; // { params: { path: { id: "id-1" } } }
 * ```
 */
export function testableOperation(spec, meta, path, method, ignored) {
  const pathItem = spec.paths[path];
  const operation = pathItem[method];
  const name = `${method.toUpperCase()} ${path}`;
  if (meta.operations[name].unsendable) return { passOver: "only security schemes keyway does not send" };
  if (method === "trace") return { passOver: "the TRACE method, which fetch does not send" };
  if ((method === "get" || method === "head") && operation.requestBody?.required)
    return { passOver: "a required body on a GET or HEAD, which fetch does not send" };
  const reply = replyOf(operation);
  const required = parametersOf(pathItem, operation, ignored).filter(
    (parameter) => parameter.required || parameter.in === "path",
  );
  if (!required.every(isWrittenAsOneValue))
    return { passOver: "a required parameter that is an object or a list of several items" };
  const bodyMedia = operation.requestBody?.required
    ? sendableBodyMedia(operation.requestBody.content ?? {})
    : undefined;
  if (operation.requestBody?.required && !bodyMedia)
    return { passOver: "a required request body that is neither JSON, a form of fields nor text" };
  const security = meta.operations[name].security;
  const score =
    (bodyMedia?.form ? -100_000 : 0) -
    (bodyMedia?.text ? 150_000 : 0) -
    (successesOf(operation).length > 0 ? 0 : 50_000) -
    10_000 * REPLY_TIERS[reply.kind] +
    (method === "get" ? 1000 : 0) +
    10 * (security[0]?.length ?? 0) -
    required.length -
    (operation.requestBody?.required ? 5 : 0) -
    (path.includes("?") ? 50 : 0);
  return {
    score,
    path,
    method: method.toUpperCase(),
    operation,
    reply,
    required,
    security,
    body: bodyMedia ? operation.requestBody.content[bodyMedia.mediaType].schema : undefined,
    components: spec.components?.schemas,
  };
}

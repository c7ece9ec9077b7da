// Matching a request to the spec's operation and checking it against that operation:
// credentials, parameters and body. Problems name where and the rule broken; a value only when it is short and cannot
// be a secret (violation-text.ts), a credential never.
import { isHeaderName } from "../header-value.js";
import { expand } from "../internal/expansion.js";
import { unsendableReason } from "../meta.js";
import { literalQueryIndex, splitFragment } from "../internal/path-template.js";
import {
  hideSecretSegments,
  type IsSecretParameter,
  type SecretSegment,
  secretSegmentsOf,
} from "../secret-parameters.js";
import { isJsonType, isNegotiationHeader, takesOneOf } from "./negotiation.js";
import {
  type JsonField,
  readCookies,
  readForm,
  readHeader,
  readPath,
  readQuery,
  type Reading,
  SIMPLE,
} from "./parameter-values.js";
import type { SchemaChecker } from "./schemas.js";
import { failureTexts, placeOf } from "./violation-text.js";
import { type FitsParameter, parameterSegments, type PathTemplate, pathTemplateOf } from "./path-template.js";
import { isSecretParameter, type SecretRule } from "./secret-rule.js";
import { resolve } from "./sample.js";
import { declaredKindsOf, itemSchema, type Kind, kindsOf, listedTexts, propertySchema } from "./schema-shapes.js";
import type { BodyData, BodyMediaData, JsonSchema, OperationData, ParameterData, SpecData } from "./spec-data.js";
import { ownValue, defineValue } from "../internal/own-properties.js";

/** A request matched to its operation, with its parameters and body parsed as the spec declares them. */
export interface ParsedRequest {
  readonly operation: string;
  readonly data: OperationData;
  readonly params: {
    readonly path: Record<string, unknown>;
    readonly query: Record<string, unknown>;
    readonly header: Record<string, unknown>;
    readonly cookie: Record<string, unknown>;
  };
  readonly body: unknown;
}

interface Route {
  readonly key: string;
  readonly method: string;
  readonly template: PathTemplate;
  /** How many characters of its path are not parameters: the more, the more concrete. */
  readonly literal: number;
  /** Whether a part of a segment holding several of its parameters reads as a value of one of them. */
  readonly fits: FitsParameter;
  /** The query its template holds (`/v1/messages?action=send`), which a request must send as it is. */
  readonly query: readonly (readonly [name: string, value: string])[];
  /**
   * What the fragment of its template names, as AWS's specs tell operations on one path apart (`/#X-Amz-Target=Svc.Op`,
   * `/finding/{id}#analyzerArn`): a header or query parameter of the operation a request must send, with that value
   * when one is given.
   */
  readonly fragment: readonly (readonly [name: string, value: string | undefined])[];
  /** The segments of its path that hold a secret parameter, which a problem of a request on this path hides. */
  readonly secretPath: readonly SecretSegment[];
}

/**
 * The operation a request's method and path match, and the segments of its path parameters as sent (still
 * percent-encoded); `others` are operations on the same path template that the request matches as well, told apart
 * by a label only.
 */
export interface RouteMatch {
  readonly key: string;
  readonly path: Record<string, string>;
  readonly others: { readonly key: string; readonly path: Record<string, string> }[];
}

/** Finds the operation of a request among the spec's path templates, literal segments first. */
export class Router {
  readonly #routes: Route[];
  readonly #secretPaths = new Map<string, readonly SecretSegment[]>();
  readonly #basePath: string;
  /** By server path, the routes of the operations served there rather than at the API's first server. */
  readonly #elsewhere = new Map<string, Route[]>();

  /**
   * `serverPaths`: by operation, the path of the server the spec names for it, when it is not the API's first;
   * `isSecret`: the parameters whose path segments a problem does not quote; `schemas`: what splits a segment that holds
   * several parameters.
   */
  constructor(
    spec: SpecData,
    serverPaths: ReadonlyMap<string, string>,
    isSecret: IsSecretParameter,
    schemas: SchemaChecker,
  ) {
    this.#basePath = spec.basePath;
    this.#routes = Object.keys(spec.operations)
      .map((key) => {
        const [method, template] = splitKey(key);
        const [path, query, named] = splitTemplate(template);
        // A name the operation does not declare as a parameter is one the client never sends: only a label.
        const declared = spec.operations[key]!.parameters.filter((p) => p.in === "header" || p.in === "query");
        const fragment = named.filter(([name]) =>
          declared.some((p) => (p.in === "header" ? p.name.toLowerCase() === name.toLowerCase() : p.name === name)),
        );
        const fits = fitsOf(spec.operations[key]!, spec, schemas);
        const secretPath = secretSegmentsOf(path, isSecret);
        const literal = path.replace(/\{[^{}]*\}/g, "").length;
        return { key, method, template: pathTemplateOf(path), literal, fits, query, fragment, secretPath };
      })
      // The most concrete first: more literal text, which a path must hold for the template to match it at all
      // (Google's `/v1/{resource}:getIamPolicy` before `/v1/{name}`, Callfire's `/media/{id}.{extension}` before
      // `/media/{id}`: each matches paths the other matches too), then fewer parameters, then a query or fragment
      // that names more.
      .sort(
        (a, b) =>
          b.literal - a.literal ||
          a.template.names.length - b.template.names.length ||
          b.query.length + b.fragment.length - (a.query.length + a.fragment.length),
      );
    for (const route of this.#routes) {
      this.#secretPaths.set(route.key, route.secretPath);
      const path = serverPaths.get(route.key);
      if (path !== undefined) this.#elsewhere.set(path, [...(this.#elsewhere.get(path) ?? []), route]);
    }
  }

  /**
   * The operation key and its path parameters' segments as sent (still percent-encoded), or why none matches. A
   * template that holds a query matches only a request that sends that query, and one with a fragment only a request
   * that sends what the fragment names.
   */
  match(
    method: string,
    pathname: string,
    search = new URLSearchParams(),
    headers = new Headers(),
  ): RouteMatch | { problem: string } {
    const atApi = this.#matchAtApi(method, pathname, search, headers);
    if ("key" in atApi) return atApi;
    // An operation served elsewhere (Box's uploads at upload.box.com/api/2.0) is answered under its server's path too,
    // where a client on the API's first server sends it; under the API's, where a client given another base URL does.
    for (const [serverPath, routes] of this.#elsewhere) {
      if (!pathname.startsWith(`${serverPath}/`)) continue;
      const found = this.#matchPath(method, pathname.slice(serverPath.length), search, headers, routes);
      // Outside the API's base path, why a request under such a server's path matched none of its operations.
      if ("key" in found || (serverPath && !this.#isUnderApi(pathname))) return found;
    }
    return atApi;
  }

  /** The segments of `operation`'s path (`"GET /verify/{code}"`) that hold a secret parameter, none for another key. */
  secretPathOf(operation: string): readonly SecretSegment[] {
    return this.#secretPaths.get(operation) ?? [];
  }

  #isUnderApi(pathname: string): boolean {
    return !this.#basePath || pathname.startsWith(`${this.#basePath}/`);
  }

  #matchAtApi(
    method: string,
    pathname: string,
    search: URLSearchParams,
    headers: Headers,
  ): RouteMatch | { problem: string } {
    if (!this.#isUnderApi(pathname)) {
      return {
        problem: `${method} ${pathname}: outside the API's base path ${this.#basePath} (the client's baseUrl must end with ${this.#basePath})`,
      };
    }
    const matched = this.#matchPath(method, pathname.slice(this.#basePath.length), search, headers);
    // A spec whose paths repeat its server's path (dev.to: server /api, paths /api/…), called at a server's root.
    if ("problem" in matched && this.#basePath) {
      const whole = this.#matchPath(method, pathname, search, headers);
      if ("key" in whole) return whole;
    }
    return matched;
  }

  #matchPath(
    method: string,
    path: string,
    search: URLSearchParams,
    headers: Headers,
    routes: readonly Route[] = this.#routes,
  ): RouteMatch | { problem: string } {
    const methods: string[] = [];
    const queries: string[] = [];
    // The secret segments of every operation whose path the request's fits, which a problem hides.
    const fittedSecrets: SecretSegment[] = [];
    let matched: RouteMatch | undefined;
    let matchedRoute: Route | undefined;
    for (const route of routes) {
      // Only operations as alike on the wire as the first: a template's query or a fragment naming what a request
      // sends (AWS's `#X-Amz-Target=…`) picks its operation by itself.
      if (matchedRoute && !alike(route, matchedRoute)) continue;
      const found = route.template.pattern.exec(path);
      if (!found) continue;
      fittedSecrets.push(...route.secretPath);
      if (route.method !== method) {
        methods.push(route.method);
        continue;
      }
      if (
        !route.query.every(([name, value]) =>
          placeholder(value) !== undefined ? search.has(name) : search.getAll(name).includes(value),
        )
      ) {
        queries.push(`"?${new URLSearchParams(route.query as [string, string][])}"`);
        continue;
      }
      if (!route.fragment.every(([name, value]) => sends(name, value, search, headers))) {
        queries.push(`"#${splitFragment(route.key)[1]}"`);
        continue;
      }
      const segments = parameterSegments(route.template, found, route.fits);
      // A path parameter in the template's query (Weatherbit's `/airquality?city_id={city_id}`), as sent.
      for (const [name, value] of route.query) {
        const parameter = placeholder(value);
        if (parameter !== undefined) defineValue(segments, parameter, encodeURIComponent(search.get(name) ?? ""));
      }
      const candidate = { key: route.key, path: segments };
      // Operations that only a label in their template tells apart (Box's `/files/{id}#add_shared_link` beside
      // `/files/{id}`) look alike on the wire: each is a candidate, for the fake to choose among by what it was sent.
      if (matched) matched.others.push(candidate);
      else {
        matched = { ...candidate, others: [] };
        matchedRoute = route;
      }
    }
    if (matched) return matched;
    const shown = hideSecretSegments(path, fittedSecrets);
    if (queries.length)
      return {
        problem: `${method} ${shown}: the spec's ${method} operations on this path are told apart by ${queries.join(" or ")}, which the request does not send`,
      };
    if (methods.length)
      return {
        problem: `${method} ${shown}: the spec has no ${method} operation on this path (it has ${[...new Set(methods)].join(", ")})`,
      };
    return { problem: `${method} ${path}: no operation of the spec has this path` };
  }
}

/**
 * Whether a part of a path segment is what a client writes for a value of the operation's path parameter of that name
 * that its schema allows: read in its style, checked, and written back the same (`12e3` reads as a number, but a
 * client writes 12000 as `12000`). A name the operation does not declare takes any text.
 */
function fitsOf(operation: OperationData, spec: SpecData, schemas: SchemaChecker): FitsParameter {
  return (name, raw) => {
    const parameter = operation.parameters.find((p) => p.in === "path" && p.name === name);
    if (!parameter) return true;
    const read = readPath(raw, parameter, spec);
    if ("malformed" in read || schemas.check(parameter.schema, read.value, 1).length > 0) return false;
    try {
      return expand(name, read.value, parameter.style ?? SIMPLE, refuseToWrite) === raw;
    } catch {
      return false;
    }
  };
}

const refuseToWrite = (): never => {
  throw new Error("not a value a client writes");
};

/** The name of the path parameter a template's query value stands for (`{city_id}`), if it is one. */
function placeholder(value: string): string | undefined {
  return /^\{([^}]+)\}$/.exec(value)?.[1];
}

/** Whether two routes look alike on the wire: one path pattern, and nothing in their templates that tells them apart. */
function alike(route: Route, other: Route): boolean {
  return (
    route.template.pattern.source === other.template.pattern.source &&
    route.query.length + route.fragment.length === 0 &&
    other.query.length + other.fragment.length === 0
  );
}

export function splitKey(key: string): [method: string, path: string] {
  const space = key.indexOf(" ");
  return [key.slice(0, space), key.slice(space + 1)];
}

/**
 * A path template, the query it holds and what its fragment names, if any: `/v1/messages?action=send` →
 * `/v1/messages`, `[["action", "send"]]`; `/finding/{id}#analyzerArn` → `/finding/{id}`, `[]`, `[["analyzerArn", undefined]]`.
 */
function splitTemplate(
  template: string,
): [path: string, query: [name: string, value: string][], fragment: [name: string, value: string | undefined][]] {
  const [beforeFragment, named = ""] = splitFragment(template);
  const fragment = named.split("&").filter(Boolean).map(fragmentCondition);
  const mark = literalQueryIndex(beforeFragment);
  if (mark === -1) return [beforeFragment, [], fragment];
  return [beforeFragment.slice(0, mark), [...new URLSearchParams(beforeFragment.slice(mark + 1))], fragment];
}

function fragmentCondition(part: string): [name: string, value: string | undefined] {
  const equals = part.indexOf("=");
  return equals === -1 ? [part, undefined] : [part.slice(0, equals), part.slice(equals + 1)];
}

/** Whether a request sends `name` as a query or header parameter, with `value` when one is given. */
function sends(name: string, value: string | undefined, search: URLSearchParams, headers: Headers): boolean {
  if (value === undefined) return search.has(name) || headers.has(name);
  return search.getAll(name).includes(value) || headers.get(name) === value;
}

/**
 * Checks a request against its operation; returns the parsed request and every problem found, quoting no value that
 * `secrets` hides.
 */
export async function parseRequest(
  request: Request,
  operation: string,
  rawPath: Record<string, string>,
  spec: SpecData,
  schemas: SchemaChecker,
  otherCredentialHeaders: readonly string[],
  secrets: SecretRule,
): Promise<{ parsed: ParsedRequest; problems: string[] }> {
  const data = spec.operations[operation]!;
  const problems: string[] = [];
  // Each problem as one line: the operation, that it is the request's, then where and what (violation-text.ts).
  const problem = (line: string) => problems.push(`${operation}: request ${line}`);
  const fail = (what: string, at: string, rule: string) => problem(`${what}${placeOf(at)}: ${rule}`);
  // A keyway client refuses such a call before sending it: the fake refuses the request in the same words.
  const refusal = unsendableReason(spec, data);
  if (refusal) problem(`credentials: ${refusal} A keyway client refuses the call before sending it.`);
  else for (const line of checkCredentials(request.headers, data, spec, otherCredentialHeaders)) problem(line);

  const url = new URL(request.url);
  const params = {
    path: {} as Record<string, unknown>,
    query: {} as Record<string, unknown>,
    header: {} as Record<string, unknown>,
    cookie: {} as Record<string, unknown>,
  };
  const query = readQuery(url.search, data.parameters, spec);
  const cookies = readCookies(request.headers.get("cookie") ?? "", data.parameters, spec);
  for (const parameter of data.parameters) {
    // A header parameter whose name HTTP does not allow (Notion's "") is one no request can send.
    if (parameter.in === "header" && !isHeaderName(parameter.name)) continue;
    const label = `${parameter.in} parameter "${parameter.name}"`;
    const raw = parameter.in === "path" ? ownValue(rawPath, parameter.name) : undefined;
    const header = parameter.in === "header" ? request.headers.get(parameter.name) : null;
    const read =
      parameter.in === "query"
        ? query.values.get(parameter.name)
        : parameter.in === "cookie"
          ? cookies.values.get(parameter.name)
          : raw !== undefined
            ? readPath(raw, parameter, spec)
            : header !== null
              ? headerValue(header, parameter, spec)
              : undefined;
    if (read === undefined) {
      if (parameter.required) fail(label, "", "is required and missing");
      continue;
    }
    if (header !== null && isNegotiationHeader(parameter.name)) {
      const values = listedTexts(parameter.schema, spec);
      if (values !== undefined) {
        checkNegotiation(parameter.name, header, values, label, problem, secrets);
        defineValue(params.header, parameter.name, header);
        continue;
      }
    }
    if ("malformed" in read) {
      fail(label, read.at, read.malformed);
      continue;
    }
    const failures = schemas.check(parameter.schema, read.value, Infinity);
    const secret = isSecretParameter(secrets, parameter.in, parameter.name);
    for (const line of failureTexts(label, failures, read.value, secrets.isSecret, secret)) problem(line);
    defineValue(params[parameter.in], parameter.name, read.value);
  }
  const fixed = new Set(splitTemplate(splitKey(operation)[1])[1].map(([name]) => name));
  for (const name of query.undeclared)
    if (!fixed.has(name)) fail(`query parameter "${name}"`, "", "is not a parameter of this operation");

  const sentType = request.headers.get("content-type") ?? "";
  const media = data.body && bodyMediaFor(data.body, sentType);
  let read: (Reading & { checked?: unknown }) | undefined;
  if (media && isMultipart(media.contentType) && isMultipart(sentType))
    read = await readMultipart(request, media, spec);
  else if (media && request.body !== null && isBinaryType(sentType) && declaresMediaType(data.body!, sentType)) {
    // Bytes reach the handler as the Blob the app sent, every byte intact (as text, 0xFF would not survive); the
    // schema (`type: string, format: binary`) checks its text.
    const bytes = await request.blob();
    read = bytes.size === 0 ? undefined : { value: bytes, checked: await bytes.text() };
    if (!read && data.body!.required) fail("body", "", "is required and missing");
  } else {
    const text = request.body === null ? "" : await request.text();
    const form = media !== undefined && isForm(media.contentType);
    // An empty body that says it is a form is one without fields (what a client sends for `{}`).
    const sent = text !== "" || (form && isForm(sentType));
    if (!data.body || !media) {
      if (text) fail("body", "", "this operation takes no request body");
    } else if (!sent) {
      if (data.body.required) fail("body", "", "is required and missing");
    } else if (!declaresMediaType(data.body, sentType)) {
      fail("body", "", unsupportedMediaType(data.body, sentType));
    } else if (form && !kindsOf(media.schema, spec).has("object")) {
      // A form the spec types as its encoded text (Spoonacular's `type: string`), which the client sends as it is.
      read = { value: text };
    } else
      read = form
        ? readForm(text, media.schema, spec, new Map(media.json?.map((name) => [name, "value"])))
        : parseBody(text, media.contentType);
  }
  let body: unknown;
  if (read && media) {
    if ("malformed" in read) fail("body", read.at, read.malformed);
    else {
      body = read.value;
      const checked = "checked" in read ? read.checked : body;
      const failures = schemas.check(media.schema, checked, Infinity);
      for (const line of failureTexts("body", failures, checked, secrets.isSecret)) problem(line);
    }
  }
  return { parsed: { operation, data, params, body }, problems };
}

/**
 * Checks a negotiation header (`Accept`, `Accept-Language`…) against the values its parameter lists: it lists what the
 * app takes, so it meets the spec when it takes one of them, whether it is one of them, fetch's own
 * `Accept-Language: *` or a keyway client's weighted `Accept` of every type the operation answers in.
 */
function checkNegotiation(
  name: string,
  header: string,
  values: readonly string[],
  label: string,
  problem: (line: string) => void,
  secrets: SecretRule,
): void {
  if (takesOneOf(name, header, values)) return;
  const failure = { at: "", expects: true, rule: `a list that takes one of ${JSON.stringify(values)}` };
  for (const line of failureTexts(label, [failure], header, secrets.isSecret)) problem(line);
}

/** The media type of the operation's body that the request's `Content-Type` names, else the one a client sends by default. */
function bodyMediaFor(body: BodyData, sentType: string): BodyMediaData {
  const sent = mediaTypeOf(sentType);
  return mediaOf(body).find((media) => mediaTypeOf(media.contentType) === sent) ?? body;
}

/** Every media type a body may be sent in: the first the spec declares, then the others. */
function mediaOf(body: BodyData): readonly BodyMediaData[] {
  return [body, ...(body.alternatives ?? [])];
}

/** Whether `sentType` is one of the media types the operation's body declares (a declared range such as `image/*` covers its kind). */
function declaresMediaType(body: BodyData, sentType: string): boolean {
  const [type, subtype] = mediaTypeOf(sentType).split("/");
  if (!type || !subtype) return false;
  return mediaOf(body).some((media) => {
    const [declaredType, declaredSubtype] = mediaTypeOf(media.contentType).split("/");
    return declaredType === "*" || (declaredType === type && (declaredSubtype === "*" || declaredSubtype === subtype));
  });
}

/** Why a body sent as `sentType` is refused (a server answers it 415), naming what the operation takes. */
function unsupportedMediaType(body: BodyData, sentType: string): string {
  const declared = mediaOf(body)
    .map((media) => mediaTypeOf(media.contentType))
    .join(" or ");
  const sent = mediaTypeOf(sentType);
  return `${sent ? `is sent as ${sent}` : "is sent without a Content-Type"}, but this operation takes ${declared}`;
}

/** `type/subtype` of a `Content-Type`, in lower case, without its parameters. */
function mediaTypeOf(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}

/**
 * Whether a body sent as `contentType` is bytes that are not text: not JSON, a form, multipart, `text/*`, or a text
 * format such as XML, YAML or CSV.
 */
function isBinaryType(contentType: string): boolean {
  const type = mediaTypeOf(contentType);
  return (
    type !== "" &&
    !isJsonType(type) &&
    !isForm(type) &&
    !isMultipart(type) &&
    !/^text\/|^application\/(?:[\w.-]+\+)?(?:xml|yaml|x-yaml|csv|javascript|graphql)$/.test(type)
  );
}

function isMultipart(contentType: string): boolean {
  return mediaTypeOf(contentType) === "multipart/form-data";
}

/**
 * A `multipart/form-data` body: its text fields read as a form's are (by the schema: numbers, booleans, lists), a
 * part of JSON text (see {@link jsonParts}) as JSON, whether sent as text or as a file, each other file part as the
 * `File` the app sent (`value`), and as its text where the schema checks it (`checked`: a file is a string of
 * `format: binary`).
 */
async function readMultipart(
  request: Request,
  media: BodyMediaData,
  spec: SpecData,
): Promise<{ value: unknown; checked: unknown } | { malformed: string; at: string }> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { malformed: "is not valid multipart/form-data", at: "" };
  }
  const { schema } = media;
  const json = jsonParts(media, form, spec);
  const fields = new URLSearchParams();
  const files = new Map<string, File[]>();
  for (const [name, part] of form) {
    if (typeof part === "string") fields.append(name, part);
    else if (json.has(name)) fields.append(name, await part.text());
    else files.set(name, [...(files.get(name) ?? []), part]);
  }
  const read = readForm(fields.toString(), schema, spec, json);
  if ("malformed" in read) return read;
  const value = { ...(read.value as Record<string, unknown>) };
  const checked = { ...value };
  const properties = resolve(schema, spec).properties as Record<string, JsonSchema> | undefined;
  for (const [name, parts] of files) {
    const listed = parts.length > 1 || kindsOf(ownValue(properties, name) ?? {}, spec).has("array");
    const texts = await Promise.all(parts.map((part) => part.text()));
    defineValue(value, name, listed ? parts : parts[0]);
    defineValue(checked, name, listed ? texts : texts[0]);
  }
  return { value, checked };
}

/**
 * The parts of a multipart body that hold JSON text: those of a property whose `encoding` gives a JSON `contentType`,
 * and, as OpenAPI's default `contentType` for an object is JSON (and a client writes a plain object so), those of a
 * property whose schema allows only an object. A list is sent one part per item, to each of which this applies.
 */
function jsonParts(media: BodyMediaData, form: FormData, spec: SpecData): ReadonlyMap<string, JsonField> {
  const json = new Map<string, JsonField>();
  for (const name of new Set(form.keys())) {
    const property = propertySchema(media.schema, name, spec);
    const listed = allowsOnly(property, "array", spec);
    const part = listed ? itemSchema(property, 0, spec) : property;
    if (media.json?.includes(name) || allowsOnly(part, "object", spec)) json.set(name, listed ? "items" : "value");
  }
  return json;
}

function allowsOnly(schema: JsonSchema, kind: Kind, spec: SpecData): boolean {
  const kinds = declaredKindsOf(schema, spec);
  return kinds.size === 1 && kinds.has(kind);
}

/**
 * Headers that carry a credential to whatever API receives them, whichever schemes its spec declares: an app that
 * sends one where the operation takes none sends a secret to the wrong API.
 */
const HTTP_CREDENTIAL_HEADERS = ["Authorization", "Proxy-Authorization"];

/**
 * The credentials must be exactly one of the operation's security alternatives: every header
 * it names, no header of another scheme. Only header names are ever reported.
 */
function checkCredentials(
  headers: Headers,
  data: OperationData,
  spec: SpecData,
  otherCredentialHeaders: readonly string[],
): string[] {
  // Only schemes sent in a header are checked here (a scheme in the query or a cookie has no `header`).
  const schemes = Object.fromEntries(
    Object.entries(spec.securitySchemes).filter(([, scheme]) => typeof scheme.header === "string"),
  );
  const credentialHeaders = new Map(
    [
      ...HTTP_CREDENTIAL_HEADERS,
      ...otherCredentialHeaders,
      ...Object.values(schemes).map((scheme) => scheme.header),
    ].map((header) => [header.toLowerCase(), header]),
  );
  const alternatives = data.security.map(
    (alternative) =>
      new Set(alternative.flatMap((scheme) => (schemes[scheme] ? [schemes[scheme].header.toLowerCase()] : []))),
  );
  // A scheme's header that the operation declares as a parameter and none of its alternatives sends is a parameter
  // here (Apideck's consumer id is both), checked with the other parameters.
  const parameters = new Set(data.parameters.filter((p) => p.in === "header").map((p) => p.name.toLowerCase()));
  const isParameter = (header: string) => parameters.has(header) && !alternatives.some((wanted) => wanted.has(header));
  const sent = new Set([...credentialHeaders.keys()].filter((header) => headers.has(header) && !isParameter(header)));
  const name = (header: string) => credentialHeaders.get(header) ?? header;
  if (data.security.length === 0)
    return sent.size === 0
      ? []
      : [`credentials: sends ${[...sent].map(name).join(", ")}, but this operation takes no credentials`];
  const matching = data.security.filter((_, index) => sameHeaders(alternatives[index]!, sent));

  const problems: string[] = [];
  if (matching.length === 0) {
    // Describe against the alternative closest to what was sent.
    const closest = [...alternatives].sort((a, b) => distance(a, sent) - distance(b, sent))[0]!;
    const missing = [...closest].filter((header) => !sent.has(header)).map(name);
    const extra = [...sent].filter((header) => !closest.has(header)).map(name);
    const accepted = alternatives.map((wanted) => [...wanted].map(name).join(" + ")).join(" or ");
    if (missing.length)
      problems.push(
        `credentials: header ${missing.join(", ")} is required and missing (this operation takes ${accepted})`,
      );
    if (extra.length)
      problems.push(`credentials: header ${extra.join(", ")} is not one this operation takes (it takes ${accepted})`);
    return problems;
  }
  // Schemes may share a header (HTTP basic and bearer both send Authorization): its value must suit one that this
  // operation takes there, not any scheme of the API.
  for (const header of sent) {
    const value = headers.get(header)!;
    const taken = matching.flatMap((alternative) =>
      alternative.flatMap((scheme) => (schemes[scheme]?.header.toLowerCase() === header ? [schemes[scheme]] : [])),
    );
    if (!value.trim()) problems.push(`credentials: header ${name(header)} is empty`);
    else if (!taken.some((scheme) => !scheme.prefix || value.startsWith(scheme.prefix))) {
      const prefixes = [...new Set(taken.map((scheme) => `"${scheme.prefix}"`))];
      problems.push(`credentials: header ${name(header)} does not start with ${prefixes.join(" or ")}`);
    }
  }
  return problems;
}

function sameHeaders(wanted: ReadonlySet<string>, sent: ReadonlySet<string>): boolean {
  return wanted.size === sent.size && [...wanted].every((header) => sent.has(header));
}

function distance(wanted: ReadonlySet<string>, sent: ReadonlySet<string>): number {
  return (
    [...wanted].filter((header) => !sent.has(header)).length + [...sent].filter((header) => !wanted.has(header)).length
  );
}

/** A header parameter's value: JSON text parsed, else read by its schema. */
function headerValue(raw: string, parameter: ParameterData, spec: SpecData): Reading {
  if (!parameter.json) return readHeader(raw, parameter, spec);
  try {
    return { value: JSON.parse(raw) };
  } catch {
    return { malformed: "is not valid JSON", at: "" };
  }
}

const FORM = "application/x-www-form-urlencoded";

function isForm(contentType: string): boolean {
  return mediaTypeOf(contentType) === FORM;
}

function parseBody(text: string, contentType: string): Reading {
  if (!isJsonType(contentType)) return { value: text };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { malformed: `is not valid ${contentType}`, at: "" };
  }
}

import { ConfigurationError } from "./keyway-errors.js";

/** How one security scheme of the spec reaches the wire. Generated from `components.securitySchemes`. */
export interface SecuritySchemeMeta {
  /** The header the scheme's value is sent in. */
  readonly header: string;
  /** Text sent before the value, such as `"Bearer "` for bearer tokens. */
  readonly prefix?: string;
  /**
   * `"basic"` for HTTP basic: the credential is `{ username, password }`, sent as
   * `base64(username:password)` after the prefix. Otherwise the credential is a string, sent as is.
   */
  readonly encoding?: "basic";
  /** Redact it, and never send it over plain http to a non-loopback host (`x-keyway-secret`). */
  readonly secret: boolean;
  /** A secret that may live in a browser, such as a user's own session token (`x-keyway-browser-safe`). */
  readonly browserSafe?: boolean;
}

/** What a client needs to know about one operation to authenticate it. Generated from the spec. */
export interface OperationMeta {
  /** The spec's `operationId`. */
  readonly id: string;
  /** Security alternatives in order of preference; each lists the schemes it needs together. */
  readonly security: readonly (readonly string[])[];
  /** Header parameters the operation declares (e.g. `X-Timezone`), which client-wide defaults may fill. */
  readonly headers?: readonly string[];
  /**
   * Present when keyway cannot authenticate the operation: each of its spec's security alternatives names a scheme
   * keyway does not send (an API key in the query string, HTTP digest), and these are those schemes
   * ({@link ApiMeta.unsendableSchemes} says what each is and why). `security` is then `[]`, and an authorizer refuses
   * its calls before anything is sent ({@link unsendableOperationError}).
   */
  readonly unsendable?: readonly string[];
}

/** A security scheme of the spec that keyway does not send, as the generator describes it. */
export interface UnsendableSchemeMeta {
  /** What the scheme is (`an API key in the query string`, `HTTP "digest" authentication`). */
  readonly what: string;
  /** Why keyway does not send it. */
  readonly why: string;
}

/**
 * The generated description of one API that credentials are applied from: its
 * schemes and, keyed by `"METHOD /path/template"`, its operations.
 */
export interface ApiMeta<Scheme extends string = string> {
  readonly securitySchemes: { readonly [K in Scheme]: SecuritySchemeMeta };
  readonly operations: { readonly [key: string]: OperationMeta };
  /**
   * Other names of the spec's headers, per family (`info.x-keyway-header-aliases`), for an API
   * whose headers were renamed: `{ zenith: { "X-Acme-Key": "X-Zenith-Key" } }`.
   */
  readonly headerAliases?: { readonly [family: string]: { readonly [header: string]: string } };
  /** The schemes that leave operations with no way in keyway can send ({@link OperationMeta.unsendable}), by name. */
  readonly unsendableSchemes?: { readonly [scheme: string]: UnsendableSchemeMeta };
}

/**
 * The key of an operation in {@link ApiMeta.operations}.
 *
 * @example
 * ```ts
 * import type { ApiMeta } from "@keyway/runtime";
 *
 * const operations: ApiMeta["operations"] = apiMeta.operations;
 * const getOrder = operations[operationKey("get", "/orders/{order_id}")]; // the "GET /orders/{order_id}" entry
 * ```
 */
export function operationKey(method: string, pathTemplate: string): string {
  return `${method.toUpperCase()} ${pathTemplate}`;
}

/**
 * The operation a call of `method` on the path template `schemaPath` is, from the API's metadata.
 * Throws {@link ConfigurationError} when the API description has no such operation.
 *
 * @example
 * ```ts
 * const operation = findOperation(apiMeta, "GET", "/orders/{order_id}");
 * console.log(`${operation.id} needs one of`, operation.security); // getOrder needs one of [["ApiKey"]]
 * ```
 */
export function findOperation<Operation extends OperationMeta>(
  meta: { readonly operations: { readonly [key: string]: Operation } },
  method: string,
  schemaPath: string,
): Operation {
  const key = operationKey(method, schemaPath);
  const operation = meta.operations[key];
  if (operation) return operation;
  throw new ConfigurationError(
    `No operation ${key} in the API description; the client may be older than the API (regenerate it) or the path is misspelt`,
  );
}

/** What {@link unsendableOperationError} reads of an operation. */
type UnsendableOperation = Pick<OperationMeta, "id" | "unsendable">;

/** What {@link unsendableOperationError} reads of the API's metadata (or of a fake's spec data). */
interface UnsendableOperations {
  readonly operations: { readonly [key: string]: UnsendableOperation };
  readonly unsendableSchemes?: ApiMeta["unsendableSchemes"];
}

/**
 * The error a call of an operation keyway cannot authenticate fails with ({@link OperationMeta.unsendable}), before
 * anything is sent: a {@link ConfigurationError} naming the operation's method, path template and operationId, and
 * each scheme its spec names, what it is and why keyway does not send it. Undefined for an operation keyway can call.
 * `meta` is the API's metadata, in which the operation's key is found.
 *
 * @example
 * ```ts
 * import { unsendableOperationError, type AuthorizableRequest, type OperationMeta } from "@keyway/runtime";
 *
 * // An Authorizer of your own refuses the calls createHeaderAuth refuses.
 * function authorize(request: AuthorizableRequest, operation: OperationMeta): void {
 *   const refusal = unsendableOperationError(apiMeta, operation);
 *   // GET /search (search) cannot be called: its spec authenticates it only with "key" (an API key in the query
 *   // string): keyway sends credentials only in headers (…). Nothing was sent.
 *   if (refusal) throw refusal;
 *   request.headers.set("X-Api-Key", apiKey);
 * }
 * ```
 */
export function unsendableOperationError(
  meta: UnsendableOperations,
  operation: UnsendableOperation,
): ConfigurationError | undefined {
  const reason = unsendableReason(meta, operation);
  if (reason === undefined) return undefined;
  return new ConfigurationError(`${reason} Nothing was sent.`);
}

/**
 * Why a keyway client refuses the calls of `operation` (`GET /search (search) cannot be called: …`), which a fake
 * reports of such a request too; undefined for an operation keyway can call.
 */
export function unsendableReason(
  meta: UnsendableOperations,
  { id, unsendable }: UnsendableOperation,
): string | undefined {
  if (!unsendable) return undefined;
  // Found by id: the operation's metadata may be a copy (another header family's).
  const key = Object.keys(meta.operations).find((k) => meta.operations[k]?.id === id);
  const schemes = meta.unsendableSchemes ?? {};
  const named = unsendable.map((name) => `"${name}"${schemes[name] ? ` (${schemes[name].what})` : ""}`);
  const whys = [...new Set(unsendable.map((name) => schemes[name]?.why ?? ""))].join(" ").trim();
  return `${key && key !== id ? `${key} (${id})` : id} cannot be called: its spec authenticates it only with ${named.join(", ")}: ${whys}`;
}

/** How an operation pages, from its `x-keyway-pagination` extension. */
export type PaginationMeta =
  | {
      readonly style: "offset";
      /** Where the paging parameters go. */
      readonly in: "body" | "query";
      /** Name of the zero-based offset parameter. */
      readonly offset: string;
      /** Name of the page-size parameter. */
      readonly limit: string;
      /** Response property holding a page (a bare array response is accepted too). */
      readonly items: string;
      /** The page size the API uses when none is sent (the limit parameter's spec default). */
      readonly pageSize?: number;
    }
  | {
      readonly style: "cursor";
      readonly in: "body" | "query";
      readonly cursor: string;
      readonly limit: string;
      readonly items: string;
      /** Dotted path of the next cursor in the response; `null` or absent ends the list. */
      readonly nextCursor: string;
      readonly pageSize?: number;
    };

/** Everything the runtime reads about one operation. Generated from the spec. */
export interface ClientOperationMeta extends OperationMeta {
  readonly pagination?: PaginationMeta;
  /** Safe to retry although its method is not idempotent (`x-keyway-idempotent`, e.g. a search sent as POST). */
  readonly idempotent?: boolean;
  /** `maxItems` of an array request body (e.g. 1000 records per bulk request). */
  readonly maxBodyItems?: number;
  /** Present when the operation's body is only `application/x-www-form-urlencoded`: it is sent as a form. */
  readonly formBody?: FormBodyMeta;
  /**
   * The media types of the operation's body, present when the spec declares it in no JSON media type and not only as
   * a form: those it declares, comma-separated in its order (`"application/octet-stream"`, `"image/png, image/jpeg"`,
   * `"text/csv"`, `"multipart/form-data"`, a range such as `"image/*"`). Its calls send the body as it is, or a plain
   * object as a `FormData` where `multipart/form-data` is one of them.
   */
  readonly bodyMedia?: string;
  /**
   * Present when {@link bodyMedia} holds `multipart/form-data` and the form's `encoding` in the spec says more than
   * OpenAPI's defaults: the properties sent as one part per value inside (`deepObject`), and the type of a file part
   * whose value has none (`contentType`).
   */
  readonly bodyEncoding?: FormBodyMeta;
  /**
   * Query parameters the spec writes otherwise than keyway's default (`form` style, exploded, objects as `deepObject`):
   * by name, their `style` and `explode`, or `"json"` for one sent as JSON text (`content: application/json`).
   */
  readonly query?: { readonly [name: string]: ParameterStyle | "json" };
  /** Path parameters the spec writes otherwise than as one plain value (a list, an object, `label` or `matrix` style). */
  readonly path?: { readonly [name: string]: ParameterStyle };
  /**
   * Header parameters whose schema allows an object, by name: their `style` (`simple`) and `explode`, or `"json"` for
   * one sent as JSON text (`content: application/json`). Its calls write such a value as the style does (`role,admin`
   * or `role=admin`), or as its JSON.
   */
  readonly header?: { readonly [name: string]: ParameterStyle | "json" };
  /** Every cookie parameter (`in: cookie`), by name: its `style` and `explode`. Its calls send them in `Cookie`. */
  readonly cookie?: { readonly [name: string]: ParameterStyle };
  /** The `Accept` header of the operation's calls, when it differs from the API's {@link ClientMeta.accept}. */
  readonly accept?: string;
  /**
   * Present when the spec declares the operation's successes in no JSON (openapi-fetch's default): `"text"` when each
   * is a string (CSV, XML, YAML, any `text/`), which its calls read with `parseAs: "text"` unless the caller passes a
   * `parseAs`; `"event-stream"` when one is `text/event-stream`, a body that may never end, which a call must choose how
   * to read (`parseAs: "stream"`, or `"text"` for a stream that ends); `"bytes"` when each is bytes that are neither
   * JSON nor text (a PDF, an image, an octet stream), which a call must choose how to read (`parseAs: "blob"`,
   * `"arrayBuffer"` or `"stream"`).
   */
  readonly successBody?: "text" | "event-stream" | "bytes";
  /**
   * The successes whose responses the spec declares with a body, space-separated (`"200"`, `"200 201"`, `"2XX"` for
   * every 2xx), `""` when none does; when absent, the API's {@link ClientMeta.successesWithBody}. A call that reads JSON
   * and gets one of these statuses with an empty body fails with a `ResponseParseError`: its `data` would otherwise be
   * `undefined` where its type promises the body; one that reads it otherwise (text the spec declares,
   * {@link successBody}, or any `parseAs` but `"json"`) gets what that read of an empty body gives (`""`, an empty Blob
   * or ArrayBuffer, the body's stream). Another status (204, 205, which never has content, one declared without a body,
   * one the spec does not declare) read as JSON gives `data: undefined`.
   */
  readonly successesWithBody?: string;
  /**
   * Present when the spec declares a success without a body beside one with a body (a `204` beside a `200` with
   * JSON): the call's `data` is typed as possibly `undefined`, so any success that comes with an empty body gives
   * `data: undefined`, not the `ResponseParseError` of {@link successesWithBody}.
   */
  readonly successMayBeEmpty?: true;
  /**
   * The server the spec names for this operation, when it is not the API's first ({@link ClientMeta.baseUrl}): Box's
   * uploads at `https://upload.box.com/api/2.0`. A client on the API's first server sends the operation's calls there
   * when it is on the same origin, and refuses them otherwise.
   */
  readonly server?: string;
}

/** How a parameter's value is written into the URL: its OpenAPI `style` and `explode`. */
export interface ParameterStyle {
  readonly style: "form" | "spaceDelimited" | "pipeDelimited" | "deepObject" | "simple" | "label" | "matrix" | "cookie";
  readonly explode: boolean;
  /**
   * A query parameter's `allowReserved: true`: RFC 3986's reserved characters that a query may hold (`:/?@!$'()*,;`)
   * and percent-encoded triples (`%2F`) are sent as they are, not percent-encoded.
   */
  readonly allowReserved?: boolean;
}

/** How an operation's form body is encoded, from its media type's `encoding` in the spec. */
export interface FormBodyMeta {
  /**
   * Top-level properties whose `encoding` style is `deepObject`: a list is sent indexed (`expand[0]=a`), not repeated;
   * in a multipart form, each value inside is a part of its own (`file_link_data[create]`), not one part of JSON text.
   */
  readonly deepObject?: readonly string[];
  /**
   * Top-level properties whose `encoding` gives a JSON `contentType` (in a multipart form, also those OpenAPI sends as
   * JSON by default: an object, a list of objects): each is sent as one field of JSON text, a multipart part typed
   * `application/json`.
   */
  readonly json?: readonly string[];
  /** Top-level properties whose `encoding` has `allowReserved: true`: reserved characters are sent as they are. */
  readonly allowReserved?: readonly string[];
  /**
   * Multipart only: by property, the `Content-Type` of a file part whose value has none (bytes, a Blob without a
   * type), from the `contentType` its `encoding` gives (`image/jpeg`, `application/pdf`).
   */
  readonly contentType?: { readonly [name: string]: string };
}

/** The generated description of an API (`<spec>.meta.ts`) that a keyway client runs on. */
export interface ClientMeta<Scheme extends string = string> extends ApiMeta<Scheme> {
  /**
   * The `Accept` header calls send unless their operation has its own or the caller sets one: the media types the
   * responses declare, JSON preferred (`"application/json"`), so that a server able to answer in several types
   * answers in the one openapi-fetch parses.
   */
  readonly accept?: string;
  /**
   * The spec's first server, present when an operation names a server of its own ({@link ClientOperationMeta.server}):
   * a client created for it sends such operations to their own server, and one given another base URL (a proxy, a
   * local fake) sends every call to that.
   */
  readonly baseUrl?: string;
  /**
   * The {@link ClientOperationMeta.successesWithBody} of the operations that do not name their own: the one most of
   * them have. Without either, the metadata says nothing of bodies, and an empty success gives `data: undefined`.
   */
  readonly successesWithBody?: string;
  readonly operations: { readonly [key: string]: ClientOperationMeta };
}

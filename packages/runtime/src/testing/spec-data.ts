import type { PaginationMeta, ParameterStyle, SecuritySchemeMeta, UnsendableSchemeMeta } from "../meta.js";

/** A JSON Schema (2020-12, as OpenAPI 3.1 writes it) whose `$ref`s point into {@link SpecData.schemas}. */
export type JsonSchema = { readonly [keyword: string]: unknown } | boolean;

/** One parameter of an operation. */
export interface ParameterData {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required?: boolean;
  readonly schema: JsonSchema;
  /** Sent as a JSON-encoded string (a `content: application/json` parameter). */
  readonly json?: boolean;
  /**
   * How the client writes it, when not the default: its `style` and `explode`, as the operation's `query`, `path`,
   * `header` or `cookie` metadata gives them (see {@link ParameterStyle}). Without one, a query value is written as
   * `form` style, exploded (a list repeated, `tag=a&tag=b`), an object as `deepObject` (`filter[status]=paid`), a path
   * value as one plain segment, a header's as `simple` and a cookie's as `form`, exploded.
   */
  readonly style?: ParameterStyle;
}

/** One media type of a response: its name, schema and example. */
export interface MediaData {
  readonly contentType?: string;
  readonly schema?: JsonSchema;
  readonly example?: unknown;
}

/**
 * One response of an operation: its body's media type, schema and example (none for an empty body), the JSON one
 * when it has several, and the others it declares.
 */
export interface ResponseData extends MediaData {
  readonly alternatives?: readonly MediaData[];
}

/** One media type of a request body. */
export interface BodyMediaData {
  readonly contentType: string;
  readonly schema: JsonSchema;
  /**
   * Top-level properties of a form or `multipart/form-data` body whose `encoding` gives a JSON `contentType`: each is
   * one field (or part) of JSON text.
   */
  readonly json?: readonly string[];
}

/** An operation's request body (see {@link OperationData.body}). */
export interface BodyData extends BodyMediaData {
  readonly required?: boolean;
  readonly alternatives?: readonly BodyMediaData[];
}

/** What a fake knows about one operation. */
export interface OperationData {
  readonly id: string;
  /** Alternatives of security scheme names; `[]` for an operation that takes no credentials. */
  readonly security: readonly (readonly string[])[];
  /**
   * Present when a keyway client cannot authenticate the operation (see `unsendable` of `OperationMeta`): the schemes
   * its spec names, none of which keyway sends. The fake refuses its requests as the client refuses its calls.
   */
  readonly unsendable?: readonly string[];
  readonly parameters: readonly ParameterData[];
  /**
   * The request body: the media type a client sends by default (the first JSON one), its schema, and the other media
   * types the operation takes (`multipart/form-data` beside JSON), read when a request's `Content-Type` names one.
   */
  readonly body?: BodyData;
  /** By status (`"200"`, `"5XX"`, `"default"`): the response, or the name of a shared one in {@link SpecData.responses}. */
  readonly responses: { readonly [status: string]: ResponseData | string };
  readonly pagination?: PaginationMeta;
  /** Error codes the operation can answer with (`x-keyway-known-errors`). */
  readonly knownErrors?: readonly string[];
}

/**
 * What a fake of an API needs at run time, generated from its spec into
 * `src/generated/<spec>.spec-data.ts` by `pnpm generate`.
 */
export interface SpecData {
  /** The path of the spec's server URL (`/api/v1`), which precedes every operation's path. */
  readonly basePath: string;
  readonly securitySchemes: { readonly [scheme: string]: SecuritySchemeMeta };
  /** What each scheme an operation's `unsendable` names is, and why keyway does not send it. */
  readonly unsendableSchemes?: { readonly [scheme: string]: UnsendableSchemeMeta };
  /** By `"METHOD /path/{param}"`. */
  readonly operations: { readonly [operation: string]: OperationData };
  /** Responses shared by several operations, by component name. */
  readonly responses: { readonly [name: string]: ResponseData };
  /** `components.schemas`, the targets of every `$ref`. */
  readonly schemas: { readonly [name: string]: JsonSchema };
  /** Known error code → the HTTP status it is sent with (`x-keyway-status`). */
  readonly knownErrors?: { readonly [code: string]: number };
  /** Webhook payloads by event type. */
  readonly webhooks?: { readonly [event: string]: { readonly schema: JsonSchema; readonly example?: unknown } };
}

import { ConfigurationError } from "./errors.js";

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

/** What header-auth needs to know about one operation. Generated from the spec. */
export interface OperationMeta {
  /** The spec's `operationId`. */
  readonly id: string;
  /** Security alternatives in order of preference; each lists the schemes it needs together. */
  readonly security: readonly (readonly string[])[];
  /** Header parameters the operation declares (e.g. `X-Timezone`), which client-wide defaults may fill. */
  readonly headers?: readonly string[];
}

/**
 * The generated description of one API that header-auth works from: its
 * schemes and, keyed by `"METHOD /path/template"`, its operations.
 */
export interface ApiMeta<Scheme extends string = string> {
  readonly securitySchemes: { readonly [K in Scheme]: SecuritySchemeMeta };
  readonly operations: { readonly [key: string]: OperationMeta };
  /**
   * Other names of the spec's headers, per family (`info.x-keyway-header-aliases`), for an API
   * whose headers were renamed: `{ hexclave: { "X-Stack-Access-Type": "X-Hexclave-Access-Type" } }`.
   */
  readonly headerAliases?: { readonly [family: string]: { readonly [header: string]: string } };
}

/**
 * The same API metadata with every header named as in `family` of its `headerAliases`: the
 * security schemes' headers and the operations' declared header parameters. A header the
 * family does not rename keeps its name. Redaction and credential checks follow, since they
 * read the scheme headers.
 *
 * @example
 * ```ts
 * const hexclaveMeta = withHeaderFamily(apiMeta, "hexclave");
 * hexclaveMeta.securitySchemes.AccessType.header; // "X-Hexclave-Access-Type"
 * ```
 */
export function withHeaderFamily<Meta extends ApiMeta>(meta: Meta, family: string): Meta {
  const aliases = meta.headerAliases?.[family];
  if (!aliases) {
    const known = Object.keys(meta.headerAliases ?? {});
    throw new ConfigurationError(
      `Unknown header family "${family}"; this API knows ${known.length ? known.map((f) => `"${f}"`).join(", ") : "no other family"}`,
    );
  }
  const rename = (header: string) => aliases[header] ?? header;
  const securitySchemes = Object.fromEntries(
    Object.entries(meta.securitySchemes).map(([name, scheme]) => [name, { ...scheme, header: rename(scheme.header) }]),
  );
  const operations = Object.fromEntries(
    Object.entries(meta.operations).map(([key, operation]) => [
      key,
      operation.headers ? { ...operation, headers: operation.headers.map(rename) } : operation,
    ]),
  );
  return { ...meta, securitySchemes, operations };
}

/**
 * The key of an operation in {@link ApiMeta.operations}.
 *
 * @example
 * ```ts
 * operationKey("get", "/orders/{order_id}"); // "GET /orders/{order_id}"
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
 * console.log(operation.id, operation.security); // "getOrder" [["ApiKey"]]
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

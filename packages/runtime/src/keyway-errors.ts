/**
 * Base class of every error thrown by keyway packages, so callers can tell
 * keyway's errors apart with one `instanceof` check.
 *
 * Messages name headers, schemes and operations, never credential values.
 *
 * Each keyway error class declares its `name` as a literal (`"RateLimitError"`), so `error.name` and
 * `String(error)` read the same in a minified browser bundle as in Node, where a class's own name may
 * be mangled to `e`. A subclass of your own inherits its nearest keyway ancestor's `name` (as a subclass of
 * `TypeError` reads `"TypeError"`) unless it declares its own: `override name = "MyError";`.
 *
 * @example
 * ```ts
 * try {
 *   await client.GET("/orders");
 * } catch (error) {
 *   if (error instanceof KeywayError) console.error(error.message);
 * }
 * ```
 */
export class KeywayError extends Error {
  override name = "KeywayError";
  // Not the lib's ErrorOptions: that is ES2022's, and a user whose tsconfig's `lib` is older could not compile this
  // declaration (without skipLibCheck).
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The client was configured in a way that can never work: a required
 * credential is absent, a secret would run in a browser, and so on. Thrown
 * when the client is created or before any request leaves the process.
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 *
 * try {
 *   client.use(createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }));
 * } catch (error) {
 *   if (error instanceof ConfigurationError) console.error(`Fix the client's settings: ${error.message}`);
 *   throw error;
 * }
 * ```
 */
export class ConfigurationError extends KeywayError {
  override name = "ConfigurationError";
}

/**
 * An operation needs a credential that the client has not been given (or
 * whose provider returned nothing for this request). The message names each
 * missing header and, when the client says, the option that sets it and the
 * factory that takes it (`listStacks needs "X-Account-Id" (the accountId option of createStackerClient)`).
 *
 * @example
 * ```ts
 * const error = await client.GET("/orders").catch((e: unknown) => e);
 * if (error instanceof MissingCredentialError) console.error(`${error.operation} needs ${error.headers.join(", ")}`);
 * ```
 */
export class MissingCredentialError extends KeywayError {
  override name = "MissingCredentialError";
  /** The operation (`operationId`) that could not be authenticated. */
  readonly operation: string;
  /** The header names missing from the security alternative the call came closest to filling. */
  readonly headers: readonly string[];
  /**
   * The client option that sets each of `headers`, at the same index (`integrationKey`), where the client names it;
   * `undefined` where it does not.
   */
  readonly options: readonly (string | undefined)[];
  /** The function of the client the options are given to (`createStackerClient`), when the client names it. */
  readonly factory: string | undefined;

  constructor({
    operation,
    headers,
    options = [],
    factory,
    reason = "no value is configured (set it when creating the client, or return one from its credential provider)",
  }: {
    readonly operation: string;
    readonly headers: readonly string[];
    readonly options?: readonly (string | undefined)[];
    readonly factory?: string | undefined;
    /** Why none is at hand, and what to do, where the client knows better (`no user is signed in: sign in first`). */
    readonly reason?: string | undefined;
  }) {
    const of = factory ? ` of ${factory}` : "";
    const named = headers.map((header, index) => {
      const option = options[index];
      return option ? `"${header}" (the ${option} option${of})` : `"${header}"`;
    });
    super(`${operation} needs ${named.join(", ")}, but ${reason}`);
    this.operation = operation;
    this.headers = headers;
    this.options = headers.map((_, index) => options[index]);
    this.factory = factory;
  }
}

/**
 * A header value failed validation: empty, or containing CR, LF, NUL or another
 * character that HTTP forbids. The message names the header and the rule,
 * never the value.
 *
 * @example
 * ```ts
 * try {
 *   validateHeaderValue("X-Api-Key", keyFromUser);
 * } catch (error) {
 *   if (error instanceof InvalidHeaderValueError) console.error(`${error.header} ${error.reason}`); // never the value
 * }
 * ```
 */
export class InvalidHeaderValueError extends KeywayError {
  override name = "InvalidHeaderValueError";
  /** The header whose value was rejected. */
  readonly header: string;
  /** Why it was rejected, e.g. `"contains a line break (CR or LF)"`. */
  readonly reason: string;

  constructor({ header, reason }: { readonly header: string; readonly reason: string }) {
    super(`Invalid value for header "${header}": it ${reason}`);
    this.header = header;
    this.reason = reason;
  }
}

/**
 * A secret header would have been sent over plain `http://` to a host that is
 * not on this machine. Use `https://`, or a loopback address for local tests.
 *
 * @example
 * ```ts
 * // baseUrl "http://api.example.com": the secret key is refused before anything is sent.
 * const error = await client.GET("/orders").catch((e: unknown) => e);
 * if (error instanceof InsecureTransportError) console.error(`use https:// for ${error.host}`);
 * ```
 */
export class InsecureTransportError extends KeywayError {
  override name = "InsecureTransportError";
  /** The secret header that was not sent. */
  readonly header: string;
  /** The host (and port) it would have gone to. */
  readonly host: string;

  constructor({ header, host }: { readonly header: string; readonly host: string }) {
    super(
      `Refusing to send secret header "${header}" over plain http to ${host}; use https:// ` +
        `(plain http is allowed only for loopback hosts such as 127.0.0.1 and localhost)`,
    );
    this.header = header;
    this.host = host;
  }
}

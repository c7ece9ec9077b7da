import { ConfigurationError, KeywayError } from "../keyway-errors.js";
import { untilAborted } from "../internal/abort.js";
import { checkOptions, likelyMeant, namingFactory, type OptionNames } from "../internal/option-names.js";
import { jsonText } from "../internal/json-body.js";
import type { PaginationMeta } from "../meta.js";
import { Redactor } from "../redaction.js";
import { hideSecretSegments, type SecretParameterOption } from "../secret-parameters.js";
import { withoutQuery } from "../internal/url.js";
import { kindOf, shownSetting } from "../internal/shown.js";
import { bodyUntilAborted, DroppedConnection } from "./connection.js";
import { DEFAULT_HANDLER_TIMEOUT_MS, HandlerTimeout, handlerTimeout, withinTimeout } from "./handler-timeout.js";
import { csvOf } from "./csv.js";
import { isJsonType, isRawBody, negotiatedMedia } from "./negotiation.js";
import { cursorIsNumber, pageOf } from "./paging.js";
import { parseRequest, Router, type ParsedRequest } from "./requests.js";
import { conformingSampleOf, type Conforms, sampleOf } from "./sample.js";
import { SchemaChecker, type SchemaFailure } from "./schemas.js";
import { serverPathsOf, type OperationServersMeta } from "./server-paths.js";
import { withHeaderAliases, type HeaderAliasesMeta } from "./header-aliases.js";
import { failureTexts } from "./violation-text.js";
import { printedWithoutSecretHeaders, printedWithoutSecrets } from "./printed-calls.js";
import { secretRuleOf, withoutSentSecrets } from "./secret-rule.js";
import type { JsonSchema, MediaData, OperationData, ResponseData, SpecData } from "./spec-data.js";
import type {
  OperationAt,
  OperationKey,
  PageItem,
  RequestBody,
  RequestParams,
  ResponseBody,
  ResponseStatus,
  SuccessBody,
} from "./types.js";

// The DOM lib's `HeadersInit` and `RequestInfo`, written from the globals Node's types declare too: a user whose
// tsconfig has no DOM lib can then compile these declarations.
type HeadersInput = ConstructorParameters<typeof Headers>[0];
type FetchInput = Parameters<typeof fetch>[0];

/**
 * A response a handler chose, made with the handler's `reply` (typed by the operation's statuses).
 *
 * @example
 * ```ts
 * fake.on("GET /orders/{order_id}", ({ reply }) => reply(404, { detail: "No order has this id" }));
 * ```
 */
export class FakeReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: HeadersInput = {},
  ) {}
}

/** What a handler is given about one request the app sent. */
export interface FakeRequest<Op> {
  /** `"METHOD /path/{param}"` of the operation. */
  readonly operation: string;
  /** Path, query, header and cookie parameters, parsed as the spec declares them. */
  readonly params: RequestParams<Op>;
  readonly headers: Headers;
  /**
   * The parsed request body (JSON or form; a multipart file as a `File`, bytes in a binary media type as a `Blob`),
   * `undefined` without one.
   */
  readonly body: RequestBody<Op>;
  /** The request as the app sent it; its `signal` aborts when the app gives up (its timeout or its own abort). */
  readonly request: Request;
  /**
   * Answers with `status` and a body of that status's schema.
   *
   * @example
   * ```ts
   * fake.on("GET /orders/{order_id}", ({ params, reply }) =>
   *   params.path.order_id === "ord_1" ? { id: "ord_1", total: 42 } : reply(404, { detail: "No order has this id" }),
   * );
   * ```
   */
  reply<S extends ResponseStatus<Op>>(
    status: S,
    body: ResponseBody<Op, S>,
    init?: { headers?: HeadersInput },
  ): FakeReply;
  /**
   * What the fake would answer with no handler of the test: the pages of `items`, the service's own answer (a Stack
   * Auth fake's sessions and keys), or else the spec's example; a violation when the operation declares no success.
   */
  fallback(): Promise<Response>;
}

/** A handler's answer: the success body, a `reply(status, body)`, or any `Response`. */
export type FakeResult<Op> =
  | SuccessBody<Op>
  | FakeReply
  | Response
  | (undefined extends SuccessBody<Op> ? void : never);

/** Answers one operation. */
export type FakeHandler<Op> = (request: FakeRequest<Op>) => FakeResult<Op> | Promise<FakeResult<Op>>;

/**
 * The handler of each operation of `Paths`, by key. `on` takes its handler as one of these, indexed by the operation's
 * key, rather than as `FakeHandler<OperationAt<Paths, K>>`: TypeScript then types a handler's answer from the
 * operation before it reads the handler, so a literal it returns (`{ status: "shipped" }`, `{ success: true }`) keeps
 * its literal type where the spec declares an enum or a `const`.
 */
export type FakeHandlers<Paths> = { [K in OperationKey<Paths>]: FakeHandler<OperationAt<Paths, K>> };

/**
 * A call the app made, as recorded for assertions.
 *
 * @example
 * ```ts
 * const [call] = fake.calls("GET /orders/{order_id}");
 * expect(call?.url).toBe("https://api.example.com/v1/orders/ord_1?expand=lines");
 * expect(call?.headers.get("authorization")).toBe("Bearer test-key");
 * ```
 */
export interface FakeCall<Op = unknown> {
  /** `"METHOD /path/{param}"` of the operation the call matched. */
  readonly operation: string;
  /**
   * The whole URL the app sent, as it sent it (percent-encoded, with its query), e.g.
   * `https://api.example.com/v1/orders/ord_1?expand=lines`. Printed with the call, a secret parameter's value in it
   * (`client_secret`, a `{code}` segment) reads "[REDACTED]", as it does in `params`.
   */
  readonly url: string;
  /**
   * Path, query, header and cookie parameters, parsed as the spec declares them. Printed with the call, a secret
   * parameter's value reads "[REDACTED]".
   */
  readonly params: RequestParams<Op>;
  /**
   * The headers the app sent. `.get()` returns each value as sent; printed (a failed assertion's diff, `console.log`,
   * `JSON.stringify`) a credential's value reads "[REDACTED]", so a test's output never shows a key.
   */
  readonly headers: Headers;
  /**
   * The parsed request body, as a handler gets it (see {@link FakeRequest.body}); `undefined` without one. Printed
   * with the call, a property named as a secret parameter is (`password`, a form's `client_secret`) reads "[REDACTED]".
   */
  readonly body: RequestBody<Op>;
  /** The status the fake answered with; 0 when no answer reached the app (it aborted, or the connection dropped). */
  readonly status: number;
}

/** How long a handler stays installed. */
export interface HandlerOptions {
  /**
   * Answer only this many calls, then fall back to what was there before. Default: every call. `0` answers no
   * call (the handler is not installed), so a count computed by the test may be zero; a negative or fractional
   * count is a `TypeError`.
   *
   * @example
   * ```ts
   * const failures = 0; // worked out by the test
   * fake.disconnect("GET /orders/{order_id}", { times: failures }); // drops no attempt
   * ```
   */
  readonly times?: number;
  /**
   * How long the handler has to answer, in milliseconds: 2 000 by default, under the 5 s test timeout of vitest, jest
   * and Bun. A handler that never answers (a promise it never resolves) then fails its call as a violation naming the
   * operation, answered 400 and reported by `verify()`, rather than the whole test with no word of which call hung. A
   * call the app gives up on first (its `timeout` or `signal`) ends as the app says. `Infinity` waits as long as the app
   * does. The deadline runs on the real clock, not on a test's fake timers.
   *
   * @example
   * ```ts
   * // A handler slower than 2 s, for a test of the app's patience.
   * fake.on(
   *   "GET /orders/{order_id}",
   *   async ({ params }) => {
   *     await new Promise((resolve) => setTimeout(resolve, 3_000));
   *     return { id: params.path.order_id, total: 42 };
   *   },
   *   { timeoutMs: 10_000 },
   * );
   * ```
   */
  readonly timeoutMs?: number;
}

/** How long a failure stays installed, and the headers it is answered with. */
export interface FailOptions extends HandlerOptions {
  /**
   * Headers sent with the failure, over those the fake adds: the `Retry-After` of a 429 or 503, which a keyway client
   * waits (up to a minute) before its retry, and exposes as `RateLimitError.retryAfterMs`.
   *
   * @example
   * ```ts
   * fake.fail("GET /orders/{order_id}", 404, undefined, { times: 1, headers: { "x-request-id": "req_1" } });
   * ```
   */
  readonly headers?: HeadersInput;
}

/**
 * Requests that broke the spec (or handlers whose answers did), as `verify()` reports them:
 * one line each in `violations` and in the message.
 *
 * @example
 * ```ts
 * try { fake.verify(); } catch (error) { if (error instanceof FakeApiError) console.log(error.violations); }
 * ```
 */
export class FakeApiError extends KeywayError {
  override name = "FakeApiError";
  /** Each request that broke the spec, and how. */
  readonly violations: readonly string[];

  constructor({ violations }: { readonly violations: readonly string[] }) {
    super(
      // One request (or answer) may break the spec in several places: each is a violation of its own.
      `${violations.length} violation${violations.length === 1 ? "" : "s"} of the spec:\n- ${violations.join("\n- ")}`,
    );
    this.violations = violations;
  }
}

/** A fake API that answers from its spec, checks every request against it, and records the calls. */
export interface FakeApi<Paths> {
  /**
   * The fake as a `fetch`: give it to the client (`fetch: fake.fetch`). No sockets; works in
   * browsers and edge runtimes.
   */
  readonly fetch: (input: FetchInput, init?: RequestInit) => Promise<Response>;
  /**
   * The path of the API's server URL (`/api/v1`), which a local server of the fake serves under. A request
   * outside it (a client whose `baseUrl` lacks it) breaks the spec, and its violation names the base path, unless it
   * is under the path of the server an operation is served at (`/api/v1` of uploads at upload.example.com, see
   * {@link FakeApiConfig.meta}) and is one of that server's operations.
   */
  readonly basePath: string;
  /**
   * Answers `operation` with `handler` (the latest handler of an operation wins).
   *
   * @example
   * ```ts
   * fake.on("GET /orders/{order_id}", ({ params }) => ({ id: params.path.order_id, total: 42 }));
   * ```
   */
  on<K extends OperationKey<Paths>>(operation: K, handler: FakeHandlers<Paths>[K], options?: HandlerOptions): this;
  /**
   * Answers `operation` with an error status and that status's spec example (or `body`), and `options.headers`.
   *
   * @example
   * ```ts
   * fake.fail("GET /orders/{order_id}", 404);
   * fake.fail("GET /orders/{order_id}", 404, { detail: "No order has this id" }, { headers: { "x-request-id": "req_1" } });
   * ```
   */
  fail<K extends OperationKey<Paths>, S extends ResponseStatus<OperationAt<Paths, K>>>(
    operation: K,
    status: S,
    body?: ResponseBody<OperationAt<Paths, K>, S>,
    options?: FailOptions,
  ): this;
  /**
   * Drops the connection of calls to `operation`, as a network failure does: the app's fetch rejects with a
   * `TypeError`, and a keyway client throws its `ConnectionError` once its retries are spent. A handler does the
   * same by returning `Response.error()`. The calls are recorded with status 0.
   *
   * @example
   * ```ts
   * fake.disconnect("GET /orders/{order_id}", { times: 1 }); // the first attempt fails, the client's retry succeeds
   * ```
   */
  disconnect<K extends OperationKey<Paths>>(operation: K, options?: HandlerOptions): this;
  /**
   * Pages over `items` the way the operation's `x-keyway-pagination` says (offset or cursor),
   * so code that reads every page can be tested. Items of another type than the page's do not compile, and items
   * that make a page the response schema does not allow are a `TypeError` naming the field and the rule.
   *
   * @example
   * ```ts
   * fake.items("GET /orders", [{ id: "ord_1", total: 42 }, { id: "ord_2", total: 7 }]);
   * ```
   */
  items<K extends OperationKey<Paths>>(operation: K, items: readonly PageItem<OperationAt<Paths, K>>[]): this;
  /**
   * The calls made to `operation` (or every call), oldest first.
   *
   * @example
   * ```ts
   * expect(fake.calls("GET /orders/{order_id}").map((call) => call.params.path.order_id)).toEqual(["ord_1"]);
   * ```
   */
  calls<K extends OperationKey<Paths>>(operation: K): readonly FakeCall<OperationAt<Paths, K>>[];
  calls(): readonly FakeCall[];
  /** Every way a request broke the spec so far, one line each (operation, field, rule). */
  readonly violations: readonly string[];
  /**
   * Throws a {@link FakeApiError} listing every violation so far; call it after each test, then
   * {@link FakeApi.reset} in a `finally`, so that one test's violations do not fail every later test.
   *
   * @example
   * ```ts
   * afterEach(() => {
   *   try {
   *     fake.verify();
   *   } finally {
   *     fake.reset();
   *   }
   * });
   * ```
   */
  verify(): void;
  /**
   * Forgets the handlers, calls and violations added since the fake was created. Run it even when
   * {@link FakeApi.verify} throws, or the next test starts with this one's handlers and violations. A call sent
   * before it and still under way (one the test did not await, a slow handler the app gave up on) belongs to the test
   * that is over: it is not recorded, no handler installed after the reset answers it, and what it breaks is not
   * reported.
   *
   * @example
   * ```ts
   * afterEach(() => {
   *   try {
   *     fake.verify();
   *   } finally {
   *     fake.reset();
   *   }
   * });
   * ```
   */
  reset(): this;
  /**
   * Makes a call to an operation the test installed no handler for (`on`, `fail`, `items`, `disconnect`) a violation
   * naming it, where the fake would answer the spec's example, so that a test cannot pass on an answer it never chose.
   * Answers the client package models itself (a Stack Auth fake's sessions) still count as chosen. It stays on after
   * {@link FakeApi.reset}.
   *
   * @example
   * ```ts
   * fake.requireHandlers();
   * fake.on("GET /orders/{order_id}", ({ params }) => ({ id: params.path.order_id, total: 42 }));
   * // A call of GET /orders now breaks the spec: no handler answers it.
   * ```
   */
  requireHandlers(): this;
}

/** What a service package adds to the generic fake. */
export interface FakeApiConfig {
  /**
   * The spec data `pnpm generate` writes (`src/generated/<spec>.spec-data.ts`). Anything else, the OpenAPI document it
   * is made from included, is a `ConfigurationError` naming {@link FakeApiConfig.factory}.
   */
  readonly spec: SpecData;
  /** The API's name in messages ("Orders"). */
  readonly name: string;
  /**
   * The client's generated metadata (`apiMeta`), whose operations served at a server of their own (uploads at
   * `https://upload.example.com/api/v1`) the fake answers under that server's path as well as under the API's, wherever
   * the client sends them. A header of a renamed API (its `headerAliases`) is a credential under each of its names: a
   * recorded call prints a secret one's value as "[REDACTED]" whichever name the client sent it under.
   *
   * @example
   * ```ts
   * import { createFakeApi } from "@keyway/runtime/testing";
   * import type { paths } from "./generated/orders.js";
   * import { apiMeta } from "./generated/orders.meta.js";
   * import { specData } from "./generated/orders.spec-data.js";
   *
   * const fake = createFakeApi<paths>({ spec: specData, name: "Orders", meta: apiMeta });
   * ```
   */
  readonly meta?: OperationServersMeta & HeaderAliasesMeta;
  /**
   * Credential headers of the service that this spec does not declare (Stack Auth's client spec
   * has no secret server key): sent to any operation, they break the spec too.
   */
  readonly otherCredentialHeaders?: readonly string[];
  /**
   * What to tell a test that names an operation this spec lacks, when the service knows it (Stack Auth's server-only
   * operations, on a client-access fake); otherwise the fake names the closest operation of the spec.
   */
  readonly unknownOperationHint?: (operation: string) => string | undefined;
  /**
   * Headers of the service whose values are secret though no scheme of the spec declares them (Stack Auth's admin
   * key, which no keyway client sends): a recorded call prints each one's value as "[REDACTED]", and sending one
   * breaks no rule of the spec by itself.
   *
   * @example
   * ```ts
   * import { createFakeApi } from "@keyway/runtime/testing";
   * import type { paths } from "./generated/orders.js";
   * import { specData } from "./generated/orders.spec-data.js";
   *
   * const fake = createFakeApi<paths>({ spec: specData, name: "Orders", secretHeaders: ["X-Orders-Admin-Key"] });
   * ```
   */
  readonly secretHeaders?: readonly string[];
  /**
   * Which parameters hold secrets, as the client under test's option of that name says (a list of names to hide on top
   * of those named like a secret in any API, or `{ add, except }`; see `secretParameters` of `@keyway/runtime`): the
   * fake hides the same values the client does. A recorded call prints each such parameter's value as "[REDACTED]" (its
   * URL's path segment and query, `params`, a header), and a violation tells only its type; a name in `except` (an
   * object store's `key`) prints as sent, so that a failing test shows it. A credential header of the spec's schemes, and
   * `Authorization` and `Cookie`, stay hidden whatever `except` says. A value that is neither form is a
   * `ConfigurationError` naming {@link FakeApiConfig.factory}. A client package's `/testing` factory passes its user's
   * option on.
   *
   * @example
   * ```ts
   * import { createFakeApi } from "@keyway/runtime/testing";
   * import type { paths } from "./generated/orders.js";
   * import { specData } from "./generated/orders.spec-data.js";
   *
   * // As the app's client is created: session refs are secret, country codes are not.
   * const secretParameters = { add: ["session_ref"], except: ["code"] };
   * const fake = createFakeApi<paths>({ spec: specData, name: "Orders", secretParameters });
   * // console.log(fake.calls()) then prints session_ref: '[REDACTED]', and code: 'DE' as sent
   * ```
   */
  readonly secretParameters?: SecretParameterOption;
  /**
   * The function the test called to make this fake (`"createOrdersFake"`), which a `ConfigurationError` about its
   * options names; `"createFakeApi"` by default.
   */
  readonly factory?: string;
  /** The answer to a request that breaks the spec (default: 400 with the violation as `error`). */
  readonly violationResponse?: (message: string) => Response;
  /**
   * Headers the service always sends with an answer of this status and body, added to the fake's spec-example and
   * handler answers (`fake.fail`, `reply`) unless the handler sets them; a handler's own `Response` is sent as is.
   *
   * @example
   * ```ts
   * import type { FakeApiConfig } from "@keyway/runtime/testing";
   *
   * // The API names an error's code in a header as well as in its body.
   * const answerHeaders: FakeApiConfig["answerHeaders"] = (status, body) =>
   *   status >= 400 && typeof body === "object" && body !== null && "code" in body
   *     ? { "x-error-code": String(body.code) }
   *     : undefined;
   * ```
   */
  readonly answerHeaders?: (status: number, body: unknown) => HeadersInput | undefined;
  /**
   * Runs before the request is checked against the spec, as a service that reads a request's credentials before it
   * validates the request does (Stack Auth's wrong keys): a response here answers the call, which is recorded with its
   * status; the ways the request breaks the spec are still reported.
   */
  readonly refuse?: (
    request: ParsedRequest & { readonly headers: Headers; readonly request: Request },
  ) => Response | undefined | Promise<Response | undefined>;
  /** Runs before the test's handlers; a response here answers the call (Stack Auth's expired sessions). */
  readonly intercept?: (
    request: ParsedRequest & { readonly headers: Headers },
  ) => Response | undefined | Promise<Response | undefined>;
  /** Answers of operations that come before the spec example and after the test's handlers. */
  // biome-ignore lint/suspicious/noExplicitAny: handlers of every operation share one table; each is typed where it is installed
  readonly defaults?: { readonly [operation: string]: (request: FakeRequest<any>) => unknown };
}

/**
 * One request's way through the fake: its call, once parsed, whose status is set when the answer reaches the app, and
 * how many resets came before it was sent: after another, the test that sent it is over.
 */
interface Exchange {
  readonly round: number;
  /** The headers the request was sent with, whose credentials no violation of it shows. */
  readonly headers: Headers;
  call?: { -readonly [K in keyof FakeCall]: FakeCall[K] };
}

interface Installed {
  // biome-ignore lint/suspicious/noExplicitAny: handlers of every operation share one table; each is typed where it is installed
  readonly handler: FakeHandler<any>;
  remaining: number;
  readonly timeoutMs: number;
}

/**
 * Creates a fake of the API described by generated spec data. Each client package's `/testing`
 * entry wraps it for its own API (the one `pnpm new-client` writes does); apps use those.
 *
 * @example
 * ```ts
 * // src/testing.ts of the client package for the Orders API
 * import { createFakeApi, type FakeApi } from "@keyway/runtime/testing";
 * import type { paths } from "./generated/orders.js";
 * import { specData } from "./generated/orders.spec-data.js";
 *
 * export function createOrdersFake(): FakeApi<paths> {
 *   return createFakeApi<paths>({ spec: specData, name: "Orders" });
 * }
 * ```
 */
export function createFakeApi<Paths>(config: FakeApiConfig): FakeApi<Paths> {
  const { spec, name } = config;
  namingFactory(config.factory ?? "createFakeApi", () => assertSpecData(spec));
  const requestSchemas = new SchemaChecker(spec, "request", `${name} fake`);
  // A scheme's header that holds no secret (Stacker's X-Account-Id) prints as is, for a test's output to show it.
  const schemes = Object.values(spec.securitySchemes).filter((scheme) => typeof scheme.header === "string");
  const secretSchemeHeaders = schemes.flatMap((scheme) => (scheme.secret ? [scheme.header] : []));
  // Another spec's credential is taken for a secret, unless this spec declares its header as one that is not (Stack
  // Auth's X-Stack-Project-Id, in both of its specs).
  const declaredHere = new Set(schemes.map((scheme) => scheme.header.toLowerCase()));
  const otherCredentials = (config.otherCredentialHeaders ?? []).filter(
    (header) => !declaredHere.has(header.toLowerCase()),
  );
  const credentialHeaders = withHeaderAliases(
    [...secretSchemeHeaders, ...otherCredentials, ...(config.secretHeaders ?? [])],
    config.meta,
  );
  // The headers whose values a violation never shows: secrets only (another spec's X-Stack-Access-Type is not one).
  const sentSecrets = new Redactor(
    withHeaderAliases([...secretSchemeHeaders, ...(config.secretHeaders ?? [])], config.meta),
  );
  const isSentSecret = (header: string) => sentSecrets.isSecretHeader(header);
  const secrets = namingFactory(config.factory ?? "createFakeApi", () =>
    secretRuleOf(config.secretParameters, credentialHeaders),
  );
  const router = new Router(spec, serverPathsOf(config.meta, spec.basePath), secrets.isSecret, requestSchemas);
  // Only a test's handler answers with bodies to check: the examples need none.
  let responseSchemas: SchemaChecker | undefined;
  const handlers = new Map<string, Installed[]>();
  /** The pages a test set with `items`, by operation: the fake's own answer then, beneath the test's handlers. */
  // biome-ignore lint/suspicious/noExplicitAny: handlers of every operation share one table; each is typed where it is installed
  const itemPages = new Map<string, (request: FakeRequest<any>) => unknown>();
  const calls: FakeCall[] = [];
  const violations: string[] = [];
  let resets = 0;
  let handlersRequired = false;
  /**
   * Whether the test that sent the exchange's request is still running (no reset since). A call it did not await, or
   * a handler still running when it gave up, is neither recorded nor answered by the next test's handlers, so that it
   * cannot fail that test.
   */
  const isCurrent = (exchange: Exchange) => exchange.round === resets;

  /** Records the ways a call broke the spec, for the test that sent it, and answers it with all of them. */
  const violation = (exchange: Exchange, ...found: string[]): Response => {
    const messages = found.map((message) => withoutSentSecrets(message, exchange.headers, isSentSecret));
    if (isCurrent(exchange)) violations.push(...messages);
    const message = `${name} fake: ${messages.join("; ")}`;
    const response = config.violationResponse?.(message) ?? jsonResponse(400, { error: message });
    response.headers.set("x-should-retry", "false");
    return response;
  };

  const known = (operation: string): OperationData => {
    // Own keys only: "constructor" or "toString" would find what every object inherits.
    const data = Object.hasOwn(spec.operations, operation) ? spec.operations[operation] : undefined;
    if (!data) {
      // A few edits for a key's length: a missing last slash, a method in lower case.
      const meant = likelyMeant(String(operation), Object.keys(spec.operations), (key) =>
        Math.max(2, Math.floor(key.length / 10)),
      );
      const hint =
        config.unknownOperationHint?.(operation) ??
        (meant ? `did you mean "${meant}"?` : 'write it as "METHOD /path/{param}", as the spec\'s paths are');
      throw new TypeError(`${name} fake: "${operation}" is not an operation of the spec: ${hint}`);
    }
    return data;
  };

  const answer = async (
    parsed: ParsedRequest,
    headers: Headers,
    request: Request,
    exchange: Exchange,
  ): Promise<Response> => {
    const intercepted = await config.intercept?.({ ...parsed, headers });
    if (intercepted) return intercepted;
    const accept = headers.get("accept");
    const context = {
      operation: parsed.operation,
      params: parsed.params,
      headers,
      body: parsed.body,
      request,
      reply: (status: number, body: unknown, init?: { headers?: HeadersInput }) =>
        new FakeReply(status, body, init?.headers),
      fallback: () => ownAnswer(),
      // biome-ignore lint/suspicious/noExplicitAny: handlers of every operation share one table; each is typed where it is installed
    } as FakeRequest<any>;
    const current = isCurrent(exchange);
    // The fake's own answer, without the test's handlers: its pages of `items`, the service's model (Stack Auth's
    // sessions), or the spec's example. A handler's fallback() gets it, so that a handler passing a call through (to
    // count it, or to fail only the nth) answers as the fake would have. The service's model may build on the example
    // (a Stack Auth sign-in's body): its own fallback() is the example.
    const own = (current && itemPages.get(parsed.operation)) || config.defaults?.[parsed.operation];
    const exampleAnswer = async () => defaultAnswer(parsed, accept, exchange);
    const ownAnswer = async () =>
      own ? toResponse(parsed, await own({ ...context, fallback: exampleAnswer }), accept, exchange) : exampleAnswer();
    const installed = current ? handlers.get(parsed.operation)?.at(-1) : undefined;
    if (installed) {
      installed.remaining--;
      if (installed.remaining <= 0) handlers.get(parsed.operation)!.pop();
      const result = withinTimeout(installed.handler(context), installed.timeoutMs, () =>
        handlerTimeout(parsed.operation, installed.timeoutMs),
      );
      return toResponse(parsed, await result, accept, exchange);
    }
    if (own) return ownAnswer();
    if (handlersRequired)
      return violation(
        exchange,
        `${parsed.operation}: no handler of the test answers this call (requireHandlers() is on): install one with on, fail, items or disconnect`,
      );
    return defaultAnswer(parsed, accept, exchange);
  };

  /** Whether each paged operation's next cursor is a number in its spec, worked out once per operation. */
  const numericCursors = new Map<string, boolean>();
  const numericCursor = (operation: string, pagination: PaginationMeta, media: MediaData, template: unknown) => {
    let numeric = numericCursors.get(operation);
    if (numeric === undefined) {
      numeric = cursorIsNumber(template, pagination, (page) => answerFailures(media, page));
      numericCursors.set(operation, numeric);
    }
    return numeric;
  };

  /**
   * The answer to a call that no handler takes: the operation's spec example, or, for one that pages, a page of its
   * example's items, so that code reading every page ends (the example's own next cursor would ask for it again).
   */
  const defaultAnswer = (parsed: ParsedRequest, accept: string | null, exchange: Exchange): Response => {
    const { data } = parsed;
    if (!declaresSuccess(data))
      return violation(
        exchange,
        `${parsed.operation}: the spec declares no success for this operation (it declares ${Object.keys(data.responses).join(", ")}), so the fake has no default answer: answer it in the test (on() with reply(status), or fail())`,
      );
    const status = successStatus(data);
    const media = negotiatedMedia(responseFor(data, status) ?? {}, accept);
    const { pagination } = data;
    if (pagination && isJsonType(media.contentType)) {
      const template = exampleOf(media);
      const items = Array.isArray(template)
        ? template
        : (template as Record<string, unknown> | null)?.[pagination.items];
      if (Array.isArray(items)) {
        const source = pagination.in === "body" ? parsed.body : parsed.params.query;
        const numeric = numericCursor(parsed.operation, pagination, media, template);
        const page = pageOf(items, pagination, source as Record<string, unknown> | undefined, template, numeric);
        return bodyResponse(status, media, page, withAnswerHeaders(status, page, undefined));
      }
    }
    return exampleResponse(data, status, accept);
  };

  /** A handler's result as a response, after checking it against the operation's response schema. */
  const toResponse = (parsed: ParsedRequest, result: unknown, accept: string | null, exchange: Exchange): Response => {
    if (result instanceof Response) return result;
    const reply =
      result instanceof FakeReply ? result : new FakeReply(successStatus(parsed.data, result === undefined), result);
    const answered = `${parsed.operation}: response ${reply.status} from the test's handler`;
    const response = responseFor(parsed.data, reply.status);
    if (!response)
      return violation(
        exchange,
        `${answered}: a status the spec does not declare for this operation (it declares ${Object.keys(parsed.data.responses).join(", ")})`,
      );
    const media = negotiatedMedia(response, accept, reply.body);
    // A Map, NaN or an invalid Date would go out as {} or null, which the schema might well allow.
    const unwritable = unwritableAnswer(media.contentType, reply.body);
    if (unwritable) return violation(exchange, `${answered}: ${unwritable}`);
    let failures: SchemaFailure[];
    try {
      failures = answerFailures(media, reply.body);
    } catch (error) {
      return violation(exchange, `${answered}: the fake could not check its body: ${described(error)}`);
    }
    if (failures.length === 0)
      return bodyResponse(reply.status, media, reply.body, withAnswerHeaders(reply.status, reply.body, reply.headers));
    if (reply.body === undefined)
      return violation(
        exchange,
        `${answered}: body: is missing (the handler returned ${result === undefined ? "undefined" : "no body"}, but this response has a body (${media.contentType}): return it, or reply with a status declared without one)`,
      );
    return violation(
      exchange,
      ...failureTexts("body", failures, reply.body, secrets.isSecret).map((line) => `${answered}: ${line}`),
    );
  };

  const exampleResponse = (
    data: OperationData,
    status: number,
    accept: string | null,
    headers?: HeadersInput,
  ): Response => {
    const media = negotiatedMedia(responseFor(data, status) ?? {}, accept);
    const body = exampleOf(media);
    return bodyResponse(status, media, body, withAnswerHeaders(status, body, headers));
  };

  /** What a media type's answer holds by default (nothing without a body): {@link defaultBodyOf}, a copy each time. */
  const exampleOf = (media: MediaData): unknown => {
    if (!media.contentType) return undefined;
    if (!defaultBodies.has(media)) defaultBodies.set(media, defaultBodyOf(media));
    return structuredClone(defaultBodies.get(media));
  };

  /**
   * The first of these that meets the schema of a JSON answer `media`: its example, that example read as JSON text
   * (Jira writes its examples so), and a sample made to meet the schema. When none does, the example, else the sample:
   * vendors' examples often lack what their schemas require, and a sample of required properties alone often matches
   * several branches of a `oneOf`. Another media type's answer is its example, else a sample; so is one whose schema
   * the fake cannot read (a `$ref` to a response object): a handler's answer to it is the violation that says so.
   */
  const defaultBodyOf = (media: MediaData): unknown => {
    const { example, schema } = media;
    if (schema === undefined || !isJsonType(media.contentType))
      return example !== undefined ? example : sampleOf(schema, spec);
    const conforms: Conforms = (part, value) => {
      try {
        return responseFailures(part, value, 1).length === 0;
      } catch {
        return false;
      }
    };
    const given = example === undefined ? [] : [example, ...readAsJson(example)];
    const fitting = given.find((value) => conforms(schema, value));
    if (fitting !== undefined) return fitting;
    const sample = conformingSampleOf(schema, spec, conforms);
    return example !== undefined && !conforms(schema, sample) ? example : sample;
  };

  /** The ways `body` breaks `schema` as a client parses the JSON it is sent as (JSON drops undefined properties). */
  const responseFailures = (schema: JsonSchema, body: unknown, limit: number): SchemaFailure[] =>
    (responseSchemas ??= new SchemaChecker(spec, "response", `${name} fake`)).check(
      schema,
      body === undefined ? undefined : JSON.parse(JSON.stringify(body)),
      limit,
    );

  /** The ways `body` breaks the schema of a JSON answer `media`. */
  const answerFailures = (media: MediaData, body: unknown): SchemaFailure[] =>
    media.schema === undefined || !isJsonType(media.contentType) ? [] : responseFailures(media.schema, body, Infinity);

  /** `headers`, after the headers the service sends with such an answer (`config.answerHeaders`), which they override. */
  const withAnswerHeaders = (status: number, body: unknown, headers: HeadersInput = {}): Headers => {
    const result = new Headers(config.answerHeaders?.(status, body));
    for (const [header, value] of new Headers(headers)) result.set(header, value);
    return result;
  };

  const responseFor = (data: OperationData, status: number): ResponseData | undefined => {
    const { responses } = data;
    const entry = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (entry === undefined) return Object.keys(responses).length === 0 ? ANY_RESPONSE : undefined;
    return typeof entry === "string" ? spec.responses[entry] : entry;
  };

  /**
   * Answers `request` as its operation's handler or spec says, recording the call as soon as it is parsed (its
   * status stays 0 until an answer reaches the app).
   */
  const serve = async (request: Request, exchange: Exchange): Promise<Response> => {
    const url = new URL(request.url);
    let checked: Awaited<ReturnType<typeof parseRequest>>;
    let matched: string | undefined;
    try {
      const match = router.match(request.method, url.pathname, url.searchParams, request.headers);
      if ("problem" in match) return violation(exchange, match.problem);
      matched = match.key;
      // Of operations only a label tells apart, the first the request meets, those the test answers first.
      const answered = (key: string) => (handlers.get(key)?.length ?? 0) > 0;
      const candidates = [match, ...match.others].sort((a, b) => Number(answered(b.key)) - Number(answered(a.key)));
      const check = (candidate: { key: string; path: Record<string, string> }) =>
        parseRequest(
          request.clone(),
          candidate.key,
          candidate.path,
          spec,
          requestSchemas,
          config.otherCredentialHeaders ?? [],
          secrets,
        );
      checked = await check(candidates.shift() ?? match);
      for (const candidate of candidates) {
        if (checked.problems.length === 0) break;
        const attempt = await check(candidate);
        if (attempt.problems.length === 0) checked = attempt;
      }
    } catch (error) {
      // A spec the fake cannot read fails the test that met it, as a violation, not as a network failure to retry.
      const path = hideSecretSegments(url.pathname, matched ? router.secretPathOf(matched) : []);
      return violation(
        exchange,
        `${request.method} ${path}: the fake could not check this request: ${described(error)}`,
      );
    }
    const { parsed, problems } = checked;
    const { operation, params, body } = parsed;
    const headers = printedWithoutSecretHeaders(request.headers, secrets);
    const call = printedWithoutSecrets(
      {
        operation,
        url: request.url,
        params,
        headers,
        body,
        status: 0,
      },
      secrets,
      router.secretPathOf(operation),
    ) as NonNullable<Exchange["call"]>;
    exchange.call = call;
    if (isCurrent(exchange)) calls.push(call);
    const refused = await config.refuse?.({ ...parsed, headers: request.headers, request });
    if (problems.length) {
      const answer = violation(exchange, ...problems);
      return refused ?? answer;
    }
    if (refused) return refused;
    try {
      return await answer(parsed, request.headers, request, exchange);
    } catch (error) {
      // Once the app has given up, a handler that stops on the request's signal broke nothing.
      if (request.signal.aborted) throw error;
      if (error instanceof HandlerTimeout) return violation(exchange, error.message);
      return violation(exchange, `${operation}: the test's handler threw ${described(error)}`);
    }
  };

  const fetchImpl = async (input: FetchInput, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const { signal } = request;
    signal.throwIfAborted();
    const exchange: Exchange = { round: resets, headers: request.headers };
    // As fetch does, the call rejects with the signal's reason; the handler is left to finish unobserved.
    const response = await untilAborted(serve(request, exchange), signal, () => signal.reason);
    if (response.type === "error") {
      const secretPath = exchange.call && router.secretPathOf(exchange.call.operation);
      throw new DroppedConnection(
        `${name} fake: the connection of ${request.method} ${withoutQuery(request.url, secretPath)} was dropped`,
      );
    }
    if (exchange.call) exchange.call.status = response.status;
    return bodyUntilAborted(response, signal);
  };

  /** Installs `handler` for `operation`, its options already checked by the method that takes them. */
  // biome-ignore lint/suspicious/noExplicitAny: handlers of every operation share one table; each is typed where it is installed
  const install = (operation: string, handler: FakeHandler<any>, options: HandlerOptions | undefined) => {
    const remaining = callCount(name, operation, options);
    const timeoutMs = handlerTimeoutMs(name, operation, options);
    if (remaining === 0) return fake;
    const list = handlers.get(operation) ?? [];
    list.push({ handler, remaining, timeoutMs });
    handlers.set(operation, list);
    return fake;
  };

  const fake: FakeApi<Paths> = {
    fetch: fetchImpl,
    basePath: spec.basePath,
    on(operation, handler, options) {
      known(operation);
      if (typeof handler !== "function")
        throw new TypeError(`${name} fake: the handler for ${operation} is ${kindOf(handler)}, not a function`);
      checkOptions(`${name} fake: on("${operation}", …)`, options ?? {}, HANDLER_OPTIONS);
      return install(operation, handler, options);
    },
    fail(operation, status, body, options) {
      const data = known(operation);
      checkOptions(`${name} fake: fail("${operation}", …)`, options ?? {}, FAIL_OPTIONS);
      if (!responseFor(data, status))
        throw new TypeError(
          `${name} fake: ${operation} declares no ${status} response (it declares ${Object.keys(data.responses).join(", ")}): to test how your code copes with one, answer it with a Response of your own, on("${operation}", () => Response.json(body, { status: ${status} }))`,
        );
      // biome-ignore lint/suspicious/noExplicitAny: handlers of every operation share one table; each is typed where it is installed
      const handler: FakeHandler<any> =
        body === undefined
          ? ({ headers }) => exampleResponse(data, status, headers.get("accept"), options?.headers)
          : () => new FakeReply(status, body, options?.headers);
      return install(operation, handler, options);
    },
    disconnect(operation, options) {
      known(operation);
      checkOptions(`${name} fake: disconnect("${operation}", …)`, options ?? {}, HANDLER_OPTIONS);
      return install(operation, () => Response.error(), options);
    },
    items(operation, items) {
      const data = known(operation);
      if (!Array.isArray(items))
        throw new TypeError(
          `${name} fake: the items for ${operation} are ${kindOf(items)}, not a list of the list's items`,
        );
      if (!data.pagination)
        throw new TypeError(`${name} fake: ${operation} does not page (no x-keyway-pagination in the spec)`);
      const pagination = data.pagination;
      const status = successStatus(data);
      // The pages take the shape of the JSON example, whatever type the request asks the answer in.
      const json = negotiatedMedia(responseFor(data, status) ?? {}, "application/json");
      const template = exampleOf(json);
      // Items the API could not answer fail here, at the line that gives them, not as a 400 in the middle of the code.
      const numeric = numericCursor(operation, pagination, json, template);
      const page = pageOf(items, pagination, { [pagination.limit]: items.length }, template, numeric);
      const failures = answerFailures(json, page);
      if (failures.length)
        throw new TypeError(
          `${name} fake: the items given for ${operation} make a page the spec does not allow: ${failureTexts("body", failures, page, secrets.isSecret).join("; ")}`,
        );
      itemPages.set(operation, async (request) => {
        const source = (pagination.in === "body" ? request.body : request.params.query) as
          | Record<string, unknown>
          | undefined;
        const page = pageOf(items, pagination, source, template, numeric);
        const accept = request.headers.get("accept");
        if (negotiatedMedia(responseFor(data, status) ?? {}, accept).contentType !== "text/csv") return page;
        return csvOf((Array.isArray(page) ? page : (page as Record<string, unknown>)[pagination.items]) as unknown[]);
      });
      return fake;
    },
    calls(operation?: string) {
      if (operation === undefined) return [...calls] as never;
      known(operation);
      return calls.filter((call) => call.operation === operation) as never;
    },
    get violations() {
      return [...violations];
    },
    verify() {
      if (violations.length) throw new FakeApiError({ violations: [...violations] });
    },
    requireHandlers() {
      handlersRequired = true;
      return fake;
    },
    reset() {
      resets++;
      handlers.clear();
      itemPages.clear();
      calls.length = 0;
      violations.length = 0;
      return fake;
    },
  };
  return fake;
}

const HANDLER_OPTIONS: OptionNames<HandlerOptions> = { times: "optional", timeoutMs: "optional" };
const FAIL_OPTIONS: OptionNames<FailOptions> = { ...HANDLER_OPTIONS, headers: "optional" };

/** Why `body`, a handler's answer, cannot go out as the JSON it stands for (a Map, `NaN`, an invalid Date), if so. */
function unwritableAnswer(contentType: string | undefined, body: unknown): string | undefined {
  if (body === undefined || (!isJsonType(contentType ?? "application/json") && isRawBody(body))) return undefined;
  let problem: string | undefined;
  try {
    jsonText(body, "body", (at, reason) => {
      problem = `${at} ${reason}`;
      throw new TypeError(problem);
    });
  } catch (error) {
    if (problem === undefined) throw error;
  }
  return problem;
}

/** How many calls a handler answers: its `times`, a whole number of 0 or more, or every call. */
function callCount(name: string, operation: string, options: HandlerOptions | undefined): number {
  const times = options?.times ?? Infinity;
  if (times === Infinity || (Number.isInteger(times) && times >= 0)) return times;
  throw new TypeError(
    `${name} fake: { times: ${shownSetting(times)} } for ${operation} is not a number of calls (0, 1, 2, …)`,
  );
}

/** How long a handler has to answer: its `timeoutMs`, a number of milliseconds above 0, or 2 s. */
function handlerTimeoutMs(name: string, operation: string, options: HandlerOptions | undefined): number {
  const timeoutMs = options?.timeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
  if (typeof timeoutMs === "number" && timeoutMs > 0) return timeoutMs;
  throw new TypeError(
    `${name} fake: { timeoutMs: ${shownSetting(timeoutMs)} } for ${operation} is not a number of milliseconds above 0`,
  );
}

/**
 * Whether the spec declares a success the fake may answer by default: a 2xx, a `2XX` range or a `default` response,
 * or no response at all. An operation declaring only redirects and errors (an OAuth `authorize`) has none.
 */
function declaresSuccess(data: OperationData): boolean {
  const statuses = Object.keys(data.responses);
  return statuses.length === 0 || statuses.some((status) => status.startsWith("2") || status === "default");
}

/** The operation's success status: its lowest declared 2xx (for no body, preferably one declared without content). */
function successStatus(data: OperationData, withoutBody = false): number {
  const statuses = Object.keys(data.responses)
    .map(Number)
    .filter((status) => status >= 200 && status < 300)
    .sort();
  const declaresNoBody = (status: number) => {
    const entry = data.responses[String(status)];
    return typeof entry === "object" && entry.contentType === undefined;
  };
  return (withoutBody ? statuses.find(declaresNoBody) : undefined) ?? statuses[0] ?? 200;
}

/**
 * What an operation whose spec declares no response answers (OpenAPI 3.1 lets it leave them out, as ReadMe's examples
 * do): any status, with any body or none, since the spec says nothing of them.
 */
const ANY_RESPONSE: ResponseData = {};

/**
 * The default body of each media type of a spec's answers, chosen once for every fake of the spec (spec data is a
 * module's constant): the choice checks examples and samples against the schema.
 */
const defaultBodies = new WeakMap<MediaData, unknown>();

/** The parts of spec data a fake reads before any call, and whether each is a map or text. */
const SPEC_DATA_PARTS = {
  basePath: "string",
  operations: "object",
  schemas: "object",
  securitySchemes: "object",
  responses: "object",
};

/**
 * Throws a `ConfigurationError` when `spec` is not spec data as `pnpm generate` writes it: an OpenAPI document given
 * in its place is the likely mistake, and would fail later as a `TypeError` of the fake's own code.
 */
function assertSpecData(spec: unknown): void {
  const where =
    'give the spec data "pnpm generate" writes (import { specData } from "./generated/<spec>.spec-data.js")';
  if (typeof spec !== "object" || spec === null)
    throw new ConfigurationError(`spec is ${shownSetting(spec)}: ${where}`);
  const data = spec as Record<string, unknown>;
  if (typeof data.openapi === "string" || typeof data.swagger === "string" || "paths" in data)
    throw new ConfigurationError(`spec is an OpenAPI document, which the fake does not read: ${where}`);
  const lacks = Object.entries(SPEC_DATA_PARTS).flatMap(([part, type]) =>
    typeof data[part] === type && data[part] !== null ? [] : [part],
  );
  if (lacks.length) throw new ConfigurationError(`spec lacks ${lacks.join(", ")}, so it is no spec data: ${where}`);
}

/** `example` parsed, when it is JSON written as text. */
function readAsJson(example: unknown): unknown[] {
  if (typeof example !== "string") return [];
  try {
    return [JSON.parse(example)];
  } catch {
    return [];
  }
}

/** Statuses that never have content, whatever a spec or a handler gives (RFC 9110); fetch's Response refuses one. */
const WITHOUT_CONTENT = new Set([204, 205, 304]);

function bodyResponse(status: number, media: MediaData, body: unknown, headers: HeadersInput = {}): Response {
  const result = new Headers(headers);
  if (body === undefined || WITHOUT_CONTENT.has(status)) {
    // An empty body says so, as servers do, so that clients do not try to parse one.
    if (status !== 204 && status !== 304) result.set("content-length", "0");
    return new Response(null, { status, headers: result });
  }
  const contentType = answeredType(media.contentType ?? "application/json", body);
  if (!result.has("content-type")) result.set("content-type", contentType);
  // Text or bytes go as they are in a type that is not JSON; anything else is written as JSON, never as
  // `[object Object]` (an XML response's example may be given as an object).
  const sent = !isJsonType(contentType) && isRawBody(body) ? body : JSON.stringify(body);
  return new Response(sent as BodyInit, { status, headers: result });
}

/**
 * The Content-Type an answer declared in `declared` is sent with: the type itself, or for a range (`*` `/` `*`, which
 * Spring's generated specs declare for every answer, or `text/*`) the type of the body: JSON for a value, plain text
 * for text, bytes otherwise (and for a range of another kind, `image/*`). No server answers with a range.
 */
function answeredType(declared: string, body: unknown): string {
  const [type = "", subtype = ""] = declared.split(";")[0]!.trim().toLowerCase().split("/");
  if (subtype !== "*") return declared;
  const ofBody = !isRawBody(body)
    ? "application/json"
    : typeof body === "string"
      ? "text/plain"
      : "application/octet-stream";
  if (type === "*" || ofBody.startsWith(`${type}/`)) return ofBody;
  return type === "text" ? "text/plain" : "application/octet-stream";
}

/** An error as a violation names it: its class and message. */
function described(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

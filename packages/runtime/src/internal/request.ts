import type { ClientOperationMeta } from "../meta.js";
import type { BodyDeadline } from "./deadline.js";
import type { FormCall } from "../form-body.js";
import type { CookieCall } from "../cookie-parameters.js";
import type { HeaderCall } from "../header-parameters.js";
import type { FromSpec } from "./call-options.js";
import type { ServerCall } from "../operation-servers.js";
import type { SecretSegment } from "../secret-parameters.js";
import type { CallSettings } from "../transport.js";

/** The property of a call's init (openapi-fetch's spreads keep symbols) that carries its {@link CallFacts}. */
export const CALL: unique symbol = Symbol();

/** What a keyway client's method knows of a call and its request needs: made once per operation and kind of call. */
export interface CallFacts {
  /** The call's operation. */
  readonly operation: ClientOperationMeta;
  /**
   * The path template openapi-fetch builds the call's URL from: the spec's, without a fragment (AWS's specs tell
   * operations on one path apart with `/#X-Amz-Target=…` or `/finding/{id}#analyzerArn`), which HTTP never sends and
   * which would swallow the query written after it.
   */
  readonly path: string;
  /** The path template's first parameter, when it has any: its calls must give `params.path`. */
  readonly pathParameter: string | undefined;
  /**
   * Whether the path template holds a query (`/v1/messages?action=send`, `/airquality?city_id={city_id}`), which the
   * call's own query follows after `&`: openapi-fetch adds it after a `?` of its own.
   */
  readonly literalQuery: boolean;
  /** The path segments of the operation that hold a secret parameter, hidden in the URLs errors and hooks show. */
  readonly secretPath: readonly SecretSegment[];
  /** Whether the caller reads the response body as a stream (`parseAs: "stream"`). */
  readonly streamed: boolean;
  /** Whether the caller or the client's `headers` option may have set a credential's header (which then wins). */
  readonly callerHeaders: boolean;
  /** How a call sends its body when the operation takes only forms, or takes no JSON, made once per operation. */
  readonly asForm?: FormCall | undefined;
  /** Writes the call's cookie parameters into its `Cookie` header, for an operation that has any. */
  readonly withCookies?: CookieCall | undefined;
  /** Writes the call's header parameters that are objects as text, for an operation whose spec allows any. */
  readonly withHeaderObjects?: HeaderCall | undefined;
  /** The operation's query serializer, when some of its query parameters have styles of their own. */
  readonly querySerializer?: ((query: Record<string, unknown>) => string) | undefined;
  /** The operation's path serializer, when some of its path parameters have styles of their own. */
  readonly pathSerializer?: ((url: string, parameters?: Record<string, unknown>) => string) | undefined;
  /** The `Accept` header the call sends unless the caller set one; none when the client's `headers` option sets it. */
  readonly accept?: string | undefined;
  /** How the call reads a success body the spec declares in no JSON, unless the caller passes `parseAs`. */
  readonly readAsDeclared?: FromSpec | undefined;
  /** Where the call goes when its operation's spec names a server of its own, or why it cannot go. */
  readonly atServer?: ServerCall | undefined;
}

/** The property of a call's init that carries its {@link BodyDeadline}, when the call reads the response body itself. */
export const BODY_DEADLINE: unique symbol = Symbol();

/**
 * The property of a call's init that carries the call's own `fetch` (openapi-fetch's per-call option), which the
 * transport sends its attempts with; openapi-fetch itself then calls the client's.
 */
export const CALL_FETCH: unique symbol = Symbol();

/**
 * The property of a call's init that carries the call's own {@link CallSettings} (`timeout`, `maxRetries`, …), when it
 * gave any: the transport reads them over the client's, and fetch never sees them.
 */
export const CALL_SETTINGS: unique symbol = Symbol();

/**
 * The property of a page's call's init (set by `paginate`) that has the transport keep the response's context when it
 * succeeds too: a page the server wrote wrong is described by its keys, redacted with the call's redactor.
 */
export const PAGE_CALL: unique symbol = Symbol();

/** A call's own fetch, as openapi-fetch types it: given one `Request`. */
export type CallFetch = (request: Request) => Promise<Response>;

/** What openapi-fetch passes to the client's `Request` class: the fetch init it built, plus the call's facts. */
type CallRequestInit = RequestInit & {
  readonly [CALL]?: CallFacts;
  readonly [BODY_DEADLINE]?: BodyDeadline | undefined;
  readonly [CALL_FETCH]?: CallFetch | undefined;
  readonly [CALL_SETTINGS]?: CallSettings | undefined;
  readonly [PAGE_CALL]?: true;
};

/**
 * The request openapi-fetch builds for each call of a keyway client, in place of a fetch `Request`
 * (given to `createClient({ Request })`). It holds what openapi-fetch computed, plus the operation's
 * `Accept` unless the caller set one, so a call costs no `Request` construction, header copy or body
 * stream: the transport sends it with one `fetch(url, init)`. Middleware, which openapi-fetch types a `Request`, may
 * read it as one: `url`, `method`, `headers` (mutable), `signal`, the options (`credentials`, `cache`…), and the body
 * through `text()`, `json()`, `arrayBuffer()`, `blob()`, `formData()` or `clone()`, as often as it likes (the call
 * still sends all of it). `body` is the body the call sends (a string, a `FormData`, a `Blob`…), not a stream.
 */
export class CallRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit["body"];
  readonly signal: AbortSignal | undefined;
  /** The operation the call is, found once by the client's method; `undefined` only outside a keyway client. */
  readonly operation: ClientOperationMeta | undefined;
  /** The path segments of its operation that hold a secret parameter; none outside a keyway client. */
  readonly secretPath: readonly SecretSegment[] | undefined;
  /** Whether the caller reads the response body as a stream, after the call has returned. */
  readonly streamed: boolean;
  /** Whether the caller or the client's `headers` option may have set a credential's header (which then wins). */
  readonly callerHeaders: boolean;
  /** Where the transport leaves the deadline of the response it returns, when the call reads the body itself. */
  readonly bodyDeadline: BodyDeadline | undefined;
  /** The call's own fetch, when the caller gave one; the client's otherwise. */
  readonly fetch: CallFetch | undefined;
  /** The call's own transport settings, when the caller gave any; the client's hold otherwise. */
  readonly settings: CallSettings | undefined;
  /** Whether `paginate` made the call, for a page (see {@link PAGE_CALL}). */
  readonly paged: boolean;
  /** The rest of the caller's fetch options (`cache`, `credentials`, `keepalive`, …), passed on to fetch. */
  readonly init: CallRequestInit;

  constructor(url: string, init: CallRequestInit) {
    const facts = init[CALL];
    this.url = facts?.literalQuery ? withQueriesJoined(url) : url;
    this.method = init.method ?? "GET";
    // openapi-fetch merges the headers into a new Headers object for each call: it is this request's own.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? null;
    this.signal = init.signal ?? undefined;
    this.operation = facts?.operation;
    this.secretPath = facts?.secretPath;
    this.streamed = facts?.streamed === true;
    this.callerHeaders = facts?.callerHeaders !== false;
    // Set before any middleware runs, so that a middleware, like the caller, may ask for another type.
    const accept = facts?.accept;
    if (accept !== undefined && !(this.callerHeaders && this.headers.has("accept"))) this.headers.set("accept", accept);
    this.bodyDeadline = init[BODY_DEADLINE];
    this.fetch = init[CALL_FETCH];
    this.settings = init[CALL_SETTINGS];
    this.paged = init[PAGE_CALL] === true;
    this.init = init;
  }

  // Typed as strings, not the DOM's option types, which a consumer compiling without the DOM library lacks.
  get cache(): string {
    return this.init.cache ?? "default";
  }
  get credentials(): string {
    return this.init.credentials ?? "same-origin";
  }
  get integrity(): string {
    return this.init.integrity ?? "";
  }
  get keepalive(): boolean {
    return this.init.keepalive ?? false;
  }
  get mode(): string {
    return this.init.mode ?? "cors";
  }
  /** keyway follows redirects itself, by its own rules (`src/internal/redirects.ts`). */
  get redirect(): string {
    return this.init.redirect ?? "follow";
  }
  get referrer(): string {
    return this.init.referrer ?? "about:client";
  }
  get referrerPolicy(): string {
    return this.init.referrerPolicy ?? "";
  }
  /** Never true: reading the body leaves it to the call. */
  get bodyUsed(): false {
    return false;
  }

  text(): Promise<string> {
    return this.#readable().text();
  }
  json(): Promise<unknown> {
    return this.#readable().json();
  }
  arrayBuffer(): Promise<ArrayBuffer> {
    return this.#readable().arrayBuffer();
  }
  blob(): Promise<Blob> {
    return this.#readable().blob();
  }
  formData(): Promise<FormData> {
    return this.#readable().formData();
  }

  /** A fetch `Request` of the call as it stands, to read or log; returning it from a middleware fails the call. */
  clone(): Request {
    const { method, url, signal } = this;
    const body = method === "GET" || method === "HEAD" ? null : this.#bodyCopy();
    // `duplex: "half"`: what fetch asks of a stream body, and takes with any other.
    const init: RequestInit & { duplex: "half" } = {
      ...this.init,
      method,
      headers: new Headers(this.headers),
      body,
      signal: signal ?? null,
      duplex: "half",
    };
    return new Request(url, init);
  }

  /** `url`, so that `new Request(request, init)` in a middleware makes a Request (which the call then refuses). */
  toString(): string {
    return this.url;
  }

  /** The body in a `Response`, which reads and types it as fetch would send it. */
  #readable(): Response {
    const type = this.headers.get("content-type");
    return new Response(this.#bodyCopy(), type === null ? undefined : { headers: { "content-type": type } });
  }

  /** The body for another reader: a stream is split in two, one branch for the reader and one left to the call. */
  #bodyCopy(): RequestInit["body"] {
    const { body } = this;
    if (!(body instanceof ReadableStream)) return body;
    const [copy, kept] = body.tee();
    (this as { body: RequestInit["body"] }).body = kept;
    return copy;
  }
}

/**
 * `url` with the `?` openapi-fetch put before the call's query made a `&`, where the path already holds a query: it is
 * the URL's second `?`, since the base URL holds none and path and query values are written percent-encoded.
 */
function withQueriesJoined(url: string): string {
  const separator = url.indexOf("?", url.indexOf("?") + 1);
  return separator === -1 ? url : `${url.slice(0, separator)}&${url.slice(separator + 1)}`;
}

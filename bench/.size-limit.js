// Size ceilings of the smallest real use of each package (size/*.js): bundled by esbuild,
// minified, browser ESM, gzipped. Enforced in CI by test/size-budgets.test.ts; `pnpm size` prints them.
//
// Each ceiling is today's size plus about 1 %, so any growth fails CI and has to be argued
// for in the commit that raises it. The smaller targets of the benchmarks issue are in
// lib/size-config.mjs (SIZE_TARGETS); BENCHMARKS.md reports both.
import { browserEsm } from "./lib/size-config.mjs";

// Raised in December 2026 to what the hostile-network guards (redirects, path and header checks, abort at
// every stage: about 2.4 kB), the SDK User-Agent and runtime detection, the instrumentation seam and the
// header-auth scheme kinds (HTTP basic, shared headers) cost together. The runtime-core rewrite (issue 14)
// then added about 0.4 kB to the clients for a request path that beats bare openapi-fetch per call (its own
// request class, the shared attempt controller, per-call credential look-ups only when the caller set
// headers, baseUrl validation). Then (issue 14, bundle bytes) paging and bulk writes became functions that take
// the client (a call that does not page leaves them out), generated metadata names each security list once and
// class fields compile to plain assignments: 13.18 / 15.76 / 15.75 / 3.07 kB became 11.24 / 14.70 / 14.23 /
// 3.05 kB. Errors built from an options object (`new ConnectionError({ method, url, attempts })`, whose property
// names a minifier keeps) and the client packages building their own header auth added 0.05–0.13 kB back: the
// merged sizes are 11.37 / 14.80 / 14.36 / 3.10 kB. Then the transport's hostile-network fixes added 0.3 kB to each
// client: a timeout that also bounds the response body (the attempt's deadline handed to the call, which ends it
// once the body is read), a ConnectionError for whatever a runtime throws while reading a body (Deno, Bun,
// browsers, Workers, not only undici), and a ResponseParseError that does not quote the body: 11.46 / 14.95 /
// 14.46 kB became 11.77 / 15.28 / 14.73 kB. Then (December 2026, the hostile-network suite widened) errors that quote
// no URL query from a runtime's message (0.09 kB), a streamed body that keeps its response alive (0.04 kB), a
// readable reason for a malformed status and "failed" for a failure after connecting (0.03 kB), an abort error that
// names the request's URL (0.04 kB), and a status outside 200–599 failing as on Node on every runtime (0.07 kB):
// 11.79 / 15.29 / 14.74 kB became 12.07 / 15.55 / 15.04 kB. Then a response body that stops at maxResponseBytes
// (the Content-Length check, the counting body methods, ResponseTooLargeError and the option's check: 0.47 kB):
// 12.55 / 16.02 / 15.54 kB; and credential providers told the call's signal (0.02–0.03 kB): 12.57 / 16.05 / 15.55 /
// 3.13 kB. Then (December 2026, a review against hostile servers and for leaked secrets) the limit made public for
// responses read outside a call (limitResponseBody, checkMaxResponseBytes: about 0.15 kB), a request id and JSON keys
// redacted and error bodies copied without recursion (0.14 kB), Retry-After read as RFC 9110's three date forms and
// a repeated header (0.16 kB), a custom fetch's rejection copied as an error (0.07 kB), a caller's Authorization
// prefix added once and a secret remembered as sent (0.07 kB); for Stack Auth, the credential headers a client never
// sends guarded in both families (0.23 kB) and sign-in answers checked (0.25 kB), each share estimated from its
// minified bytes (esbuild's metafile against ec8f419): 12.62 / 16.10 / 15.65 / 3.13 kB became
// 13.19 / 17.02 / 16.18 / 3.32 kB; header-auth's plain-middleware path sending a secret with redirect: "manual" (so
// that fetch never follows a redirect with it) added 0.07 kB to each: 13.26 / 17.09 / 16.25 / 3.39 kB.
// Then (December 2026, a review on Node, Bun and Deno) a connection Deno never made reported as such (its phase and
// system error read from the message: 0.11 kB) and an error body quoted from a JSON excerpt written without recursion,
// so that every runtime quotes the same text (0.19–0.23 kB where a call builds an ApiError: the Stack Auth and
// traced bundles): 13.27 / 17.13 / 16.27 kB became 13.39 / 17.43 / 16.61 kB. Form bodies (a spec's form-only
// operations sent as forms, found on Stripe and Twilio by a review of vendor specs) cost a JSON-only client the
// check that it was given `formBodies` when its API needs it (0.14 kB; the serializer itself drops out):
// 13.54 / 17.57 / 16.75 kB. Query and path parameters written in their spec's style (a review of 2,554 vendor specs
// found 139 whose parameters openapi-fetch's defaults write otherwise, 106 with `explode: false`), and every query
// written by keyway: object keys encoded, a Date as ISO text, typed errors instead of openapi-fetch's untyped one
// (0.9 kB; openapi-fetch's own serializers stay in the bundle, since its createClient refers to them):
// 14.44 / 18.48 / 17.65 kB. An Accept header derived from the spec (the metadata's `accept`, the API's and an
// operation's own, set on each call unless the caller set one: 0.07–0.08 kB): 14.52 / 18.55 / 17.72 kB. Then (a
// new-client sweep of vendor specs) a path template's fragment cut once per operation, and header-auth keeping a
// scheme's header that the operation takes as a parameter (its foreign headers cached per operation: 0.03 kB of
// header-auth's 3.42 kB): 14.59 / 18.62 / 17.79 / 3.42 kB; 14.61 / 18.64 / 17.80 kB
// once the runtime and its fake cut a fragment with one shared function. Then a base URL with a user name or password
// refused at creation and URLs named without them in errors (0.09 kB), settings quoted when given as strings
// (0.02 kB), and a typed InvalidRequestBodyError naming where a body holds what JSON cannot write (a BigInt, a
// cycle, a throwing toJSON: 0.28 kB, the search for the value's path 0.65 kB minified): 15.00 / 19.03 / 18.20 kB;
// a header name HTTP does not allow refused as a ConfigurationError naming it (0.08 kB): 15.08 / 19.11 / 18.28 kB.
// Then a hostile-server probe's fixes: a base URL with a query or fragment refused, a secret echoed into a response
// header's name redacted, and a streamed call's failed response bounded by its timeout and maxResponseBytes
// (0.10 kB in all): 15.18 / 19.23 / 18.38 kB; a path template that holds a query, the call's own query joined to it
// with `&` (0.06 kB): 15.24 / 19.29 / 18.44 kB. Then a call's own `error` redacted as thrown errors are (a failed
// response's text and json wrapped, a JSON body with escapes redacted value by value: 0.10 kB): 15.34 / 19.38 /
// 18.55 kB. Then (a hostile-server probe on six runtimes) a body read that the attempt's deadline or the caller's
// abort ends by canceling its reader (Node 20 left a body it failed to decode pending forever: 0.06 kB), and secrets
// redacted from hook URLs and found percent-encoded by the redactor itself (0.09 kB, in header-auth too, which bundles
// the redactor; @keyway/otel drops its own copy): 15.52 / 19.55 / 18.71 / 3.55 kB.
// Then each error class named by a literal `name` (a minified bundle renames the classes, so errors read `p: …`), its
// own field in the constructor, which keeps unused classes tree-shaken (0.05–0.26 kB): 15.63 / 19.81 / 18.91 / 3.60 kB.
// Then (a secret-leak probe and a Chromium hostile-server probe) the redactor finding keys percent-encoded beside bytes
// that are not UTF-8 or as Latin-1 bytes and naming a host redacted, a JSON error body redacted after parsing,
// redirect refusals redacted (0.09 kB, in header-auth too), a cross-origin body always counted, no cookies sent from
// a browser (0.05 kB), and Stack Auth's refresh reading a 401's code from its body when CORS hides the known-error
// header (0.07 kB): 15.77 / 20.02 / 19.07 / 3.69 kB; an error body that is not JSON searched with its JSON escapes
// decoded (0.08 kB): 15.85 / 20.10 / 19.14 kB; that decoding moved into the redactor beside its percent-decoding
// (header-auth, which bundles the redactor, 0.07 kB): 15.85 / 20.08 / 19.14 / 3.76 kB.
// Then (a review of vendor specs' uploads) bodies that are not JSON sent as their operation's media type: a JSON-only
// client carries the JSON guard that refuses a Blob, bytes or a stream instead of sending `{}` (about 0.09 kB), the
// check that a client of an API with such operations was given `mediaBodies` and the per-operation pick of its
// serializer (about 0.06 kB), and InvalidRequestBodyError's `mediaType` (about 0.02 kB); `mediaBodies` itself drops
// out: 15.92 / 20.16 / 19.21 kB became 16.09 / 20.34 / 19.40 kB, each ceiling raised by that growth.
// Then a call's timeout bounding the wait for credentials an async provider hands over (the race and its timeout
// message) and a timeout longer than a timer can wait refused (0.15 kB), and the wait for new credentials after a
// failed response (a session refresh) bounded the same way (0.04 kB): 16.30 / 20.54 / 19.59 kB; a request body given
// as a stream read by keyway's own reader within the timeout and the caller's signal, canceled when either ends it
// (a stalled stream held the call forever: 0.19–0.22 kB): 16.49 / 20.76 / 19.79 kB; a call's own baseUrl checked as
// the client's is and kept on its origin (it sent the credentials anywhere: 0.12–0.13 kB): 16.62 / 20.88 / 19.92 kB;
// a call's own fetch sent under the transport (0.05 kB), and a stream's text chunks sent as UTF-8 and body paths
// named by one shared function (0.05 kB): 16.72 / 21.00 / 20.02 kB; a value named by its kind in header errors ("an
// object", not "a object": 0.01 kB, 0.04 kB in header-auth, which bundles the header check) and a call's parseAs
// checked before anything is sent (0.06 kB): 16.79 / 21.07 / 20.09 / 3.80 kB; a call's signal checked to be an
// AbortSignal (the controller passed instead failed with "signal.addEventListener is not a function": 0.08 kB):
// 16.87 / 21.14 / 20.17 kB; header-auth sending a caller's own `Bearer …` on an operation that takes basic or bearer as
// the bearer scheme (it went out as `Basic Bearer …`: 0.06 kB, in each client too): 16.93 / 21.20 / 20.23 / 3.86 kB,
// each ceiling raised by that growth. Then a middleware's own error thrown after it read the body kept as thrown
// (keyway's mark after the caller's middleware, kept first among it by wrapping `use` and `eject`: 0.16–0.17 kB): 16.95
// / 21.21 / 20.24 kB became 17.11 / 21.37 / 20.41 kB; a falsy value a credential provider or session refresh threw
// carried to the caller (openapi-fetch dropped it: 0.07–0.09 kB): 17.20 / 21.44 / 20.50 kB; a JSON body refused where
// JSON would send a value as something else (a Map or bytes as {}, NaN as null) and query or path parameters of such
// types refused (0.48–0.53 kB, of which the body's walk that finds and names the value 0.41 kB): 17.68 / 21.97 / 20.96
// kB; a call's own bodySerializer or querySerializer whose result fetch cannot send refused (0.17 kB): 17.85 / 22.14 /
// 21.13 kB. Then (a review of what a plain-JavaScript user gets wrong on day one) every factory's option names checked
// when the client is made, a misspelling named with the option it was probably meant to be (the check and its edit
// distance: 0.38 kB, header-auth's whole growth), and, in the clients, the lists of their option names, a call of a
// path with parameters that gives no params.path refused, a URL taken as baseUrl and Stack Auth's signIn given
// something else refused (0.66–0.79 kB together): 18.51 / 22.93 / 21.79 / 4.26 kB; createApiClient's required options
// named when left out (0.05 kB): 18.56 / 22.98 / 21.84 kB; a header of NaN or Infinity refused (0.01–0.02 kB): 18.57 /
// 22.99 / 21.85 / 4.28 kB; cookie parameters sent, where an API has them (the check that such a client was given
// cookieParameters, and one more fact per kind of call: 0.08 kB): 18.66 / 23.07 / 21.94 kB, each ceiling raised by that
// growth. A Stack Auth session refreshed only for a call sent with its own token, the refresh-only session's refresh
// shared by its refresh token, and a refresh that stores nothing over a sign-in or sign-out of its own session made
// while it ran, in the order they began (0.37 kB): 23.44 kB, its ceiling raised by that growth. A body read as JSON
// whose Content-Type is another media type named with the parseAs that reads it (0.08-0.09 kB): 18.75 / 23.52 / 22.13
// kB, each ceiling raised by that growth. Each redirect hop told to the call's observer, so that tracing gives it a
// span of its own (0.03 kB in each client; the hop spans themselves are @keyway/otel's 0.12 kB more): 18.79 / 23.59 /
// 22.31 kB. A success the spec declares only as text read as text, and a call of an event stream that names no
// parseAs refused (the per-operation reader and its message: 0.14–0.16 kB): 18.93 / 23.77 / 22.47 kB; the client's own
// Cookie kept before a call's cookie parameters (its headers handed to cookieParameters: 0.01–0.02 kB): 18.94 / 23.78 /
// 22.49 kB; an operation whose spec names a server of its own sent there from a client on the spec's first server, or
// refused naming it when that server is on another origin (the check that such a client was given operationServers
// and one more fact per kind of call: 0.08 kB; operationServers itself drops out): 19.02 / 23.86 / 22.57 kB, each
// ceiling raised by that growth. A middleware's request readable as the Request openapi-fetch types it (its options,
// body readers and clone: a logging middleware's `request.clone().text()` threw), and a Request a middleware returns
// refused as a ConfigurationError (0.38 kB): 19.40 / 24.24 kB; a request to a port fetch blocks (6000, 10080, …) known
// never sent and not retried (0.06 kB): 19.46 / 24.30 / 23.26 kB; each request's fetch run through the call's observer,
// when it has `sending`, so that tracing keeps fetch's own instrumentation off keyway's requests (0.03 kB; the
// suppressed context is @keyway/otel's 0.12 kB more): 19.49 / 24.34 / 23.41 kB; client.request given a method the
// client does not send refused as a ConfigurationError naming it (it threw "is not a function", or called `use` for
// "use": 0.07–0.08 kB): 19.56 / 24.42 / 23.48 kB, each ceiling raised by that growth. A redirect with two Location
// headers (fetch joins them as "/a, /b") refused instead of followed, and an unrequested 100 Continue or 101 named in
// the ConnectionError's reason (Node's fetch says "bad response"; 0.12–0.13 kB): 19.69 / 24.59 / 23.61 kB; a
// timeout while the body was read saying so ("waiting for the rest of the response body": 0.02 kB): 19.71 / 24.61 /
// 23.63 kB, each ceiling raised by that growth; each multipart operation's bodyEncoding handed to mediaBodies at
// client creation (0.01 kB): 19.72 / 24.62 / 24.48 kB with @keyway/otel's secret parameters and metrics hook below.
// A path segment holding a parameter named like a secret (`code`, `token`, `key`, the client's own secretParameters)
// read as REDACTED in the URL every error and hook event shows: the name rule and the per-operation segment logic moved
// from @keyway/otel into the runtime, worked out at client creation (0.60-0.61 kB in each client; 0.08 kB with
// @keyway/otel, which now shares them): 20.33 / 25.24 / 24.57 kB, each ceiling raised by that growth (rounded up to the next 0.01 kB).
// A redirect whose target echoes such a segment hidden in its hook events and its RedirectError too (the first hop's
// secret segments carried along, and hidden in the onResponse event's Location: 0.17-0.19 kB): 20.51 / 25.43 /
// 24.77 kB, each ceiling raised by that growth. A query parameter whose spec allows reserved characters written with
// them kept (the reserved encoder in the query serializer every client bundles: 0.12-0.14 kB): 20.64 / 25.55 /
// 24.91 kB, each ceiling raised by that growth.
// The values a call sends for secret path, query and header parameters hidden wherever its server echoes them in that
// call's error and hook events (a redactor per call made on first need from the request's URL and headers, the value
// search moved from @keyway/otel into the runtime), secretParameters' { add, except } form and its checks, and every
// option error of a client naming the factory called (0.59-0.66 kB in each client; 0.10 kB of header-auth's, its
// Redactor's per-call copy): 21.30 / 26.23 / 25.50 / 4.38 kB, each ceiling raised by that growth.
// An outside review of those values found them still shown when a server wrote them form-encoded, JSON- or
// HTML-escaped, in two escapings at once, overlapping another secret, or as one value of a repeated header: the
// Redactor (which header-auth bundles too) now finds every occurrence of every secret in each escaping, maps what it
// finds back to the text as written and hides overlapping values whole, and a secret header parameter stays on the
// API's origin (0.59-0.63 kB in each bundle, header-auth's included): 21.92 / 26.82 / 26.13 / 4.97 kB, each ceiling
// raised by that growth. Text for a multipart part typed JSON checked to be JSON, and a secret cookie parameter's value
// looked for in the Cookie header (0.02-0.03 kB in the clients): 21.95 / 26.85 / 26.15 / 4.97 kB, each ceiling raised by
// that growth. The redactor allocating nothing for a text it finds no secret in (hook events on every call): 21.96 /
// 26.86 / 26.17 / 4.99 kB (0-0.02 kB), each ceiling raised by that growth. The default rule's names of keys and
// assertions (access_key, private_key, secret_key, assertion, jwt: 0.01-0.02 kB in the clients): 21.98 / 26.88 /
// 26.19 kB, each ceiling raised by that growth. A key holding "[" or "]" inside a form field's or a deepObject
// parameter's object refused (it added a level of nesting on the server; the walk's check and its message: 0.09-0.11
// kB): 22.10 / 26.98 / 26.29 kB, each ceiling raised by that growth. A credential option's value that cannot be sent
// named by the option the application passed and the factory it called (header-auth's credentialNames: the refusal
// retold with the option, its provider or a basic field, at no cost to a valid credential's call; namingFactory naming
// the factory in an InvalidHeaderValueError too: 0.29 kB of header-auth's, 0.32-0.35 kB in each client): 22.45 / 27.33
// / 26.61 / 5.28 kB, each ceiling raised by that growth. A nested query key (auth[password], token[kind]) secret where
// its parameter's name or a key in it is (0.03-0.04 kB): 22.49 / 27.36 / 26.64 kB, each ceiling raised by that growth;
// a fixed header default of any type checked when the client is made (0.00 kB): the traced bundle's 26.65 kB. Where
// a secret was found in an escaped text, its place in the text as written worked out in one pass that stops past the
// last secret, instead of a table of every character's source for each escaping (a 4.8 MB error body echoing one
// secret took 11.5 s to redact, 2.0 s now; 1,000 echoes in a 1 MB page 608 ms, 14 ms now: 0.04 kB): 22.54 / 27.40 /
// 26.69 / 5.33 kB, each ceiling raised by that growth. An empty success where the spec declares a body failed as a
// ResponseParseError naming the status, framed any way (the metadata's successesWithBody, the per-operation look-up made
// at client creation, the check on a call that got no data and its message), and a failure's empty chunked body given
// as `error: undefined` like one with Content-Length: 0 (0.21-0.22 kB): 22.74 / 27.60 / 26.89 kB, each ceiling raised by
// that growth; an empty text success the spec declares read as "" with Content-Length: 0 as chunked (0.03 kB):
// 22.77 / 27.63 / 26.92 kB, each ceiling raised by that growth. A ResponseParseError naming the Content-Encoding of a
// body that may not have been decoded (0.05-0.06 kB, with the session's refresh token remembered for redaction as a call
// reads it): 22.82 / 27.71 / 26.99 kB, each ceiling raised by that growth.
// Every option sent as a header named with the factory whenever its value is refused: a provider's bad value at call
// time, a header default (Stacker's timezone) and the browser guard (header-auth's factory and headerDefaultNames,
// validateOptionValue and the refusal's wording: 0.17 kB of header-auth's, 0.17 kB in each Stacker bundle), and Stack
// Auth's session tokens checked when the client is made, a stored refresh token before the refresh sends it, and a
// session that is neither a store nor tokens refused (0.17 kB more); Stack Auth's allowAnonymousUsers refused when it is not true or false ("false" sent the
// header that lets anonymous users in: 0.04 kB); a session store that returns the token
// itself refused without quoting it (a TypeError from `in` showed it: 0.04 kB): 23.01 / 28.15 / 27.15 / 5.50 kB (5,502 B),
// each ceiling raised by that growth. An outside review of where a secret could go (0.30-0.33 kB): a redirect to an
// allowed other origin taking only the headers that describe the request (Accept…, Content-…, If-…, Range,
// Cache-Control, User-Agent), not a header default, a call's or a middleware's own header that may be a credential; the
// name and code of what a fetch rejects with scrubbed like its message; a base URL that is not an http(s) URL quoted
// without what comes before its last `@` or from its first `?` on; a call whose custom fetch followed a redirect itself
// (a wrapper that lost redirect: "manual") failed with a ConfigurationError instead of returning another origin's
// answer; a header named like a secret refused over plain http to a host not on this machine, as a secret scheme's is:
// 23.31 / 28.48 / 27.48 / 5.50 kB, each ceiling raised by that growth. A success whose spec declares no body given as
// `data: undefined` when its body is not JSON, instead of a ResponseParseError for a body never promised (the check on
// a failed read, its operation's declared successes kept with the call's facts: 0.09-0.10 kB): 23.42 / 28.57 /
// 27.58 kB, each ceiling raised by that growth. An empty success read as a caller's parseAs (text, a Blob, bytes, a
// stream) given what that read gives with Content-Length: 0 as it is chunked, where it was undefined (the read of an
// empty body of the same headers: 0.04-0.05 kB): 23.47 / 28.62 / 27.62 kB, each ceiling raised by that growth
// (rounded up to the next 0.01 kB). A 205 never expected to have a body (fetch gives it none: 0.00-0.01 kB): the
// traced bundle's 27.63 kB, its ceiling raised by that growth. A body compressed to nothing with its Content-Length,
// and a 205's left-out content, read as JSON as an empty body is read chunked instead of failing as JSON that is not
// valid (or as an untyped SyntaxError), and a Blob typed as fetch types it without a Content-Length (0.04-0.06 kB):
// 23.52 / 28.66 / 27.69 kB, each ceiling raised by that growth. Then every option a user sets refused, when its value
// is of the wrong kind, by its name and the factory's or the call's (checkOptionValues for fetch, headers, hooks,
// instrumentation, the flags and allowedRedirectOrigins: about 0.4 kB; a call's headers, fetch, middleware and
// serializers checked, the client's settings refused on a call and every refusal naming the call: about 0.3 kB;
// MissingCredentialError naming the option, a key passed as baseUrl, parseAs or a number never quoted, a fetch that
// returns no Response, userAgent's comments held to Latin-1, a Headers given as the client's headers: about 0.25 kB;
// the header-auth bundle only the MissingCredentialError and dangerouslyAllowBrowser checks, 0.14 kB): 24.46 / 29.73 /
// 28.65 / 5.64 kB (24,452 / 29,726 / 28,644 / 5,640 B), each ceiling raised by that growth (rounded up); and
// header-auth's maps (credentials, credentialNames, headerDefaults, headerDefaultNames) refused when they are not
// objects, where text was read letter by letter (0.09 kB in every bundle): 24.54 / 29.81 / 28.75 / 5.73 kB. The
// option checks read from one table of rules (0.02-0.03 kB smaller): 24.52 / 29.80 / 28.73 kB, each ceiling lowered
// to the measured size (24,516 / 29,791 / 28,724 B). Then a call's own timeout, maxRetries, retryNonIdempotent and
// maxResponseBytes (checked by the client's rules, carried to the transport under a symbol, read over the client's at
// every wait; searchAll passing them to each page's call) and null leaving secretParameters and headerFamily unset
// (0.27-0.30 kB): 24.79 / 30.09 / 29.03 kB (24,786 / 30,082 / 29,024 B), each ceiling raised to the measured size.
// Then a server's text shown on one line, bounded and escaped in every error message and span (shownExcerpt and its
// kin in internal/shown.ts, 0.31-0.34 kB), a body read as a stream following the caller's signal until it ends and
// failing typed (keyway's byte stream over the response's, 0.2 kB), and a page's keys redacted with its call's
// redactor (0.05 kB): 25.39 / 30.65 / 29.61 / 5.74 kB (25,385 / 30,646 / 29,604 / 5,733 B), each ceiling the
// measured size; the Stacker bundle 3 B more (25,393 B, ceiling 25.40 kB) once the streamed body's closure is made
// only for a streamed call. Then a streamed body its caller drops unread or read in part letting go of the caller's
// signal once collected (a FinalizationRegistry whose callback ends the call's following and cancels a body begun:
// 0.09-0.10 kB): 25.49 / 30.74 / 29.71 kB (25,486 / 30,738 / 29,701 B), each ceiling the measured size.
// Then a call of an operation keyway cannot authenticate (its spec names only a key in the query string, HTTP
// digest: `unsendable` in the metadata) refused by header-auth before anything is sent, with a ConfigurationError
// naming it, its schemes and why (unsendableOperationError: 0.18-0.19 kB in every bundle, header-auth's included):
// 25.67 / 30.93 / 30.13 / 5.93 kB (25,667 / 30,921 / 30,128 / 5,921 B) on stop 52's code, each ceiling the measured
// size rounded up; with stop 53's session review and tracing fixes (their notes at each entry) 31.49 / 30.55 kB.
// Then a MissingCredentialError naming what is missing from the security alternative a call came closest to filling,
// where it named the first alternative's, and saying a client's own reason where it gives one (header-auth's
// missingCredentialHints; Stack Auth's "no user is signed in" for its session tokens: 0.12-0.13 kB in every bundle,
// 0.22 kB in Stack Auth's): 25.80 / 31.69 / 30.67 / 6.06 kB (25,792 / 31,690 / 30,668 / 6,052 B), each ceiling the
// measured size rounded up. x-should-retry sent twice read by its first value (0.01 kB): 25.80 / 31.70 / 30.68 kB.
// Then a service's response step (`readResponse`) applied to whatever fetch answered an attempt, the client's or a
// call's own, and one body reader (readChunks) that checks the attempt's signal after every read, its end included
// (+0.11-0.13 kB; Stack Auth's own copy of the reader and its clone fallback gone, -59 B there): 25.80 / 31.41 /
// 30.66 kB (25,796 / 31,409 / 30,658 B), each ceiling the measured size rounded up. The two together: 25.93 / 31.63 /
// 30.80 / 6.06 kB (25,928 / 31,621 / 30,791 / 6,052 B). The body read without an async frame over readChunks
// (about 450 B of garbage a call less): 25.92 / 31.61 / 30.77 kB (25,918 / 31,608 / 30,770 B).
// Then a path template's `#`, `?` and `/` found outside its `{…}` expressions, whose names OpenAPI lets hold any
// character but braces (a parameter named `a#b` cut the template at its fragment, one named `a/b` hid no secret in its
// segment: internal/path-template.ts, 0.03-0.07 kB): 25.95 / 31.66 / 30.84 kB (25,947 / 31,660 / 30,837 B), each
// ceiling the measured size rounded up.
// Raised again for names a spec gives that every object has (a path parameter named `toString` read its style from
// Object.prototype, a query list named `constructor` was sent unexploded, a call of a security scheme named `valueOf`
// given no credential was sent instead of failing as missing: internal/own-properties.ts, header-auth's maps without a
// prototype):
// 26.00 / 31.73 / 30.89 / 6.09 kB (25,999 / 31,725 / 30,882 / 6,089 B, +52 / +65 / +45 / +37 B). Then for a call's
// headers given as a list of [name, value] pairs (openapi-fetch sent them as one header named "0") and a multipart form
// the caller names beside JSON sent with its boundary (internal/call-headers.ts): 26.06 / 31.79 / 30.96 kB (26,058 /
// 31,785 / 30,958 B, +59 / +60 / +76 B). Then for a body given to a GET or HEAD and a TRACE call refused before they
// are sent, where fetch's TypeError was retried as a ConnectionError (two messages): 26.17 / 31.90 / 31.06 kB
// (26,168 / 31,897 / 31,054 B, +110 / +112 / +96 B, the two checks in one function of internal/call-options.ts).
// Then for header parameters that are objects written in their simple style (a call passing one was refused as "an
// object, not a string"): the check that a client of an API with such parameters was given headerParameters, and one
// more fact per kind of call; headerParameters itself drops out: 26.26 / 32.00 / 31.15 kB (26,256 / 31,993 /
// 31,143 B, +88 / +96 / +89 B). Then for a call of an operation that answers only bytes (a PDF, an image) refused
// before it is sent unless it names a parseAs (its answer was lost in a ResponseParseError): 26.29 / 32.03 / 31.17 kB
// (26,282 / 32,025 / 31,167 B, +26 / +32 / +24 B, the message beside the event stream's). A query or header
// parameter's JSON text written by one jsonParameterText: 26,276 / 32,018 / 31,171 B (−6 / −7 / +4 B), the traced
// ceiling 31.18 kB. Then for a header parameter's list sent in its simple style, items joined by "," (openapi-fetch
// appended each, which Headers joined by ", "): 26.36 / 32.12 / 31.27 kB (26,354 / 32,119 / 31,268 B, +78 / +101 / +97 B).
// Then for a HEAD sent without a parseAs whatever its GET answers (a HEAD of bytes was refused): 26,362 / 32,127 /
// 31,275 B (+8 B each), ceilings 26.37 / 32.13 / 31.28 kB. Then for a page's error context (its shown URL and the
// redactor of the values its call sent) made only when an error about the page reads it, where every page's call made
// it (about 20 µs a page, cold), by a function apart from the call's scope (a context that reached the response kept
// each page's call past young collections): 26,423 / 32,179 / 31,324 B (+61 / +52 / +49 B), ceilings 26.43 / 32.18 /
// 31.33 kB.
// Then (December 2026, three red-team passes against servers on 127.0.0.1), each measured by building the commit before
// and after it: a sign-in sent without a session that ended (Stack Auth's authorizer asked again, the refresh's
// recovery replaying it without the token: +12 / +107 / −3 B); a secret echoed as a JSON number or across a body's
// values, in a parse error's Content-Type, or through a middleware's new Response redacted, and C1 control characters
// refused in header values (+179 / +205 / +197 / +29 B, header-auth's through the redactor and the header check it
// bundles); an earlier attempt that may have arrived carried to the ApiError (+24 / +48 / +52 B); calls sharing one
// signal following it through a single listener (+103 / +112 / +97 B); and a failed response too large to read
// naming its status (+44 / +42 / +40 B): 26,781 / 32,694 / 31,704 / 6,118 B, ceilings 26.79 / 32.70 / 31.71 / 6.12 kB.
// Then a review of the recorded spans: a base path holding a known secret named REDACTED in span names, a call the
// sampler drops sent where fetch's instrumentation adds nothing, a transport failure recorded once without a context
// manager, no 3xx status after a followed redirect (+90 B in the traced bundle; Stack Auth's first-token refresh
// traced, −2 B there): 31,794 B, ceiling 31.80 kB.
// Then a review of header-auth used alone with bare openapi-fetch: its middleware refusing a path parameter of "..",
// "." or "" (which sent an operation's credentials to another route: the check, shared with the runtime's path
// serializer as checkPathSegment, and InvalidPathParameterError, new to the header-auth bundle), copying a request as
// its own class and refusing a bearer prefix with no token, and a name under .localhost no longer loopback (+238 B in
// header-auth; +106 / +103 / +112 B in the clients, whose createHeaderAuth carries the middleware too):
// 26,887 / 32,795 / 31,906 / 6,356 B, ceilings 26.89 / 32.80 / 31.91 / 6.36 kB.
// Then (December 2026, five more red-team passes: other runtimes, concurrency, types, packaging, Stack Auth's facts),
// each measured by building the commit before and after it (stacker / stack-auth / traced / header-auth): a standalone
// header-auth call ending on its signal while a credential provider never settles (untilAborted, now shared with the
// runtime: +9 / +11 / +19 / +103 B); an anonymous user's session refused by a client without allowAnonymousUsers
// (+96 B in Stack Auth's); a dropped attempt unlinking the caller's abort (+7 / +8 / +5 B); the waits for credentials
// and for a recovery ending on the caller's abort, their timer cleared (+47 / +48 / +51 B); Deno's blocked port and
// NotCapable, and Bun's EPROTO, known never sent (+66 / +66 / +65 B); a shared session refresh sent with the first
// client's settings (+6 B) and the development override key guarded as a secret header (+23 B) in Stack Auth's:
// 27,016 / 33,053 / 32,046 / 6,459 B, ceilings 27.02 / 33.06 / 32.05 / 6.46 kB.
// Then an empty success that data's type allows given as data: undefined (the metadata's successMayBeEmpty, read once
// per operation at client creation: +15 / +11 / +18 B, Stacker's deleteRecord carrying the flag):
// 27,031 / 33,064 / 32,064 / 6,459 B, ceilings 27.04 / 33.07 / 32.07 / 6.46 kB.
// Then (stop 69, each measured by building the commit before and after it): an answer of a redirect's target marked
// received and its message naming the target (+63 / +99 / +89 / −1 B), a service's retry veto standing over
// x-should-retry: true (−4 / −5 / −2 B), an empty body decoded from a Content-Encoding saying so (+50 / +42 / +40 B),
// and Stack Auth's spec requiring a user for one more operation (+1 B in Stack Auth's):
// 27,140 / 33,201 / 32,191 / 6,458 B, ceilings 27.15 / 33.21 / 32.20 / 6.46 kB.
// Then, measured the same way: every URL an error or onRetry shows passed through the client's redactor (a key in the
// base URL's path) and a followed redirect marking its request received (+45 / +58 / +45 / 0 B), the one error left
// showing such a URL and kindOf's "undefined" (+15 / +17 / +18 / +2 B), otel's call spans kept in one map for every
// client and its spans timed on one clock (+23 B in the traced bundle), paging's abort between items (−2 B in Stack
// Auth's): 27,200 / 33,274 / 32,277 / 6,460 B, ceilings 27.21 / 33.28 / 32.29 / 6.47 kB.
// Then paging and bulk options checked against their names (+2 / +3 / +1 / −3 B), and only a redirect that changes
// the method marking its request received with pages()'s two messages (+8 / +6 / +9 B): 27,210 / 33,283 / 32,287 /
// 6,457 B, ceilings 27.22 / 33.29 / 32.30 / 6.47 kB.
// Then (stop 70, six red-team passes and a review; each measured by building the commit before and after it, stacker /
// stack-auth / traced / header-auth): the time zone checked as an IANA name (+188 / 0 / +177 / 0 B); a look-alike
// signal and Map headers refused (+94 / +91 / +101 / 0 B); fixed credentials kept redacted for the client's life, a
// value sent again the newest (+23 / +28 / +33 / +30 B); Stack Auth's refresh at the caller's API and per session
// (+46 and +54 B in Stack Auth's); an invalid Date in a body refused (+32 / +26 / +24 / 0 B); bulkUpsert's records and
// a base URL ending in /api/external checked (+95 / 0 / +89 / 0 B); a session option that holds no session refused
// (+88 B in Stack Auth's); a Latin-1 key found where a server echoed its bytes (+72 / +82 / +80 / +71 B); another
// library's Headers named and a Map-backed store taken (+103 / +124 / +92 / −1 B); a call option that is a slip of
// one keyway reads refused (+217 / +224 / +214 / +39 B): 28,034 / 34,046 / 33,097 / 6,596 B, ceilings 28.05 / 34.06 /
// 33.11 / 6.61 kB.
// Then (stop 72, measured the same way): a restricted Stack Auth user no longer leaving a client stuck (its sign-in
// refused, a call that goes without a user sent again without the token, sign-out sending the allow header: +252 B in
// Stack Auth's, then −28 B for one refusal message for both kinds of user); an error built from a success that a
// middleware turned into a failure naming its request, and the call span's status the one returned (+44 / +49 / +65 /
// 0 B); a tracer provider whose getTracer throws reported, not thrown (+37 B in the traced bundle): 28,081 / 34,327 /
// 33,201 / 6,596 B, ceilings 28.09 / 34.34 / 33.21 / 6.61 kB. Then the review's fixes: the replaced response's context
// kept by the transport, which has the call's own redactor (−4 / −6 / −11 / 0 B), a 403's known error read from its
// body (+7 B in Stack Auth's), and one slip finder for option names and a fake's operation keys (+13 / +14 / +10 / +7
// B): 28,090 / 34,342 / 33,200 / 6,603 B, ceilings 28.10 / 34.35 / 33.21 / 6.61 kB.
// The ceilings below are today's sizes plus about 1 %. Where the remaining bytes go and why the 5 / 6 / 2 kB targets stay out of
// reach: bench/gaps.md, "Bundle size".
export default [
  { name: "@keyway/stacker", path: "size/stacker.js", limit: "28.10 kB", ...browserEsm },
  // The specs gained the routes they lacked (12 operations in the generated metadata) and the client reads both
  // header families (X-Stack-* / X-Hexclave-*). Raised from 14.95 kB when a call's init became non-extensible for
  // Node 20's sake (runtime's callInit): 14.92 → 14.95 kB, one byte under the old ceiling; then to 15.28 kB with the
  // transport's fixes above, to 15.55 kB with the error fixes above, to 16.02 kB with maxResponseBytes, and to
  // 17.09 kB with the review's fixes above, to 17.43 kB with the runtime review's, to 17.57 kB with form bodies, and
  // to 18.48 kB with parameter styles, to 18.55 kB with the Accept header, to 18.62 kB with the sweep's fixes, and
  // to 19.11 kB with the base URL, settings, request body and header name errors above, and to 19.29 kB with the
  // hostile-server probe's fixes and templates that hold a query, to 19.38 kB with a call's own error redacted, and to
  // 19.55 kB with the six-runtime probe's fixes, to 19.81 kB with literal error names, and to 20.10 kB with the
  // secret-leak and browser probes' fixes, and to 20.48 kB with bodies sent as their media type, and to 20.67 kB
  // with the credential waits' timeout, and to 20.89 kB with request streams read within it, and to 21.08 kB with a call's baseUrl kept on the
  // client's origin and its own fetch under the transport,
  // and to 21.21 kB with parseAs and signal checked, and to
  // 21.27 kB with a caller's Authorization sent as the scheme its prefix names, and to 21.43 kB with a middleware's own
  // error kept as thrown after it read the body, and to 21.50 kB with a falsy rejection carried to the caller, and to 22.20 kB with JSON bodies,
  // parameters and a call's own serializers checked, and to 23.05 kB with option names checked, and to 23.13 kB with
  // cookie parameters, and to 23.50 kB with sessions refreshed only for their own calls and never stored over a
  // sign-in or sign-out, and to 23.58 kB with a parse error naming the response's media type, and to 23.61 kB with
  // redirect hops told to the call's observer, and to 23.62 kB with what is under way on a session store kept in one
  // record (four maps were one), and to 23.79 kB with text successes read as text and a client's Cookie kept, and to 23.87 kB with
  // operations served elsewhere, and to 24.25 kB with a middleware's request readable as a Request, and to 24.31 kB with blocked
  // ports known never sent, and to 24.33 kB (+17 B) with admin access's headers guarded under their Hexclave names, and to
  // 24.35 kB with each request's fetch run through the call's observer, and to 24.43 kB with client.request's method
  // checked, and to 24.48 kB with a session token HTTP forbids in a header refused as the sign-in's or refresh's
  // error (it was InvalidHeaderValueError, the error of a caller's own bad value: 0.05 kB), and to 24.60 kB with
  // redirects with two Location headers refused and unrequested 1xx responses named, and to 24.62 kB with a timeout
  // while the body was read saying so. Raised to 30.83 kB by the outside session review (stop 53): refresh or sign-in
  // tokens longer than 16 KiB, or a refresh answering the token it replaces, refused instead of stored; and to
  // 31.22 kB with a header-less 401's body read within its attempt (a stalled one was an empty 401), and to 31.24 kB
  // with a stored access token compared with a refused one as it was sent (without the spaces around it), and to
  // 31.30 kB with a call's own fetch still having its header-less 401 read for a code, and to 31.49 kB (31,482 B) with
  // unsendable operations refused (above); 31.47 kB (31,468 B) once a 401's code is decoded from its chunks as they
  // came, not copied into one buffer first; 31.41 kB (31,409 B) once its responses are read by a response step that
  // every fetch's answer goes through, with the runtime's one body reader, and no clone read for a call's own fetch;
  // 31.63 kB (31,621 B) with the missing-credential wording and x-should-retry's first value (above); 31.61 kB
  // (31,608 B) after the body reader lost its async frame; 31.62 kB (31,617 B) with a status restored from
  // X-Stack-Actual-Status keeping the response's url, redirected and type (one helper with the known-error body's);
  // 31.66 kB (31,660 B) with path templates' delimiters found outside their expressions (above).
  { name: "@keyway/stack-auth (server client)", path: "size/stack-auth-server.js", limit: "34.35 kB", ...browserEsm },
  // The same Stacker call traced; @opentelemetry/api is @keyway/otel's peer dependency, bundled by the application.
  // Raised from 14.25 kB (issue 16): a span for every call whatever stage fails (aroundCall), failures described
  // without a body, secrets scrubbed percent-encoded too, the no-SDK shortcut: @keyway/otel 1.9 → 3.0 kB. Raised
  // from 21.98 kB (22.05 kB measured) by the otel review: the global provider looked up again while the one held has
  // no SDK (an SDK registered through another copy of @opentelemetry/api), and the no-SDK shortcut with propagation
  // (0.11 kB); then to 22.17 kB with a parse error naming the response's media type, and to 22.32 kB with a CLIENT
  // span for each redirect hop, and to 22.50 kB with text successes read as text and a client's Cookie kept, and to 22.58 kB with operations
  // served elsewhere, and to 22.83 kB (22.57 → 22.82 kB measured) with a throwing sampler or span processor caught
  // where spans start and end (0.15 kB) and the request whose redirect keyway refuses ended as an error (0.10 kB), and
  // to 23.21 kB with a middleware's request readable as a Request (0.38 kB), and to 23.27 kB with blocked ports known
  // never sent, and to 23.42 kB with each request sent in a context that suppresses fetch's own instrumentation
  // (0.15 kB), and to 23.49 kB with client.request's method checked, and to 23.50 kB with query keys without a value
  // kept as sent in url.full, and to 23.62 kB with redirects with two Location headers refused and unrequested 1xx
  // responses named, and to 23.64 kB with a timeout while the body was read saying so, and to 24.36 kB (+0.72 kB)
  // with the values of secret path, query and header parameters (a verification code, a webhook token, a
  // `client_secret`) kept out of url.full and of every message on a span (the parameter-name rule, the secret path
  // segments found once per operation, a per-call scrub built on failure), and to 24.47 kB (+0.11 kB) with each
  // request's end told to an `http.client.request.duration` measurement when one is given (httpClientMetrics itself,
  // 0.36 kB more, drops out of a bundle that does not import it), and to 24.78 kB with the secret path segments hidden
  // in the runtime's errors too and a traced call's scrub keeping the request's URL and headers, not the request, and
  // to 29.90 kB (29.89 kB measured) with url.template taken from the base URL a request went to (a call's own baseUrl,
  // an operation's server), its secret segments REDACTED, and to 29.95 kB (29.94 kB measured) with url.full the URL as
  // sent when the base URL's path is not written as a URL parser writes it (a space, a dot segment), and to 30.23 kB
  // (30,221 B measured, +0.28 kB) with a call that fails before it is sent named by the base URL it was going to (the
  // call's options handed to aroundCall, 1 B in the untraced bundles; the runtime's operationServers asked where an
  // operation's call goes, 0.27 kB minified, and the span's base path and server worked out from it), and to 30.26 kB
  // (30,259 B measured) with the semantic conventions' schema URL in the tracer's and meter's scope, and to 30.37 kB
  // (30,368 B measured, +0.11 kB) with a secret in a URL's host looked for in any case at each call, for server.address
  // and url.full (the host written back into url.full, the base host's check on the path that parses no URL), and to
  // 30.55 kB (30,548 B) with unsendable operations refused (above), and to 30.66 kB (30,658 B) with a service's
  // response step applied to every fetch's answer and the one body reader (above), 30.80 kB with the missing-credential
  // wording too, and 30.84 kB (30,837 B) with path templates' delimiters found outside their expressions (above).
  {
    name: "@keyway/stacker + @keyway/otel",
    path: "size/stacker-otel.js",
    limit: "33.21 kB",
    ignore: ["@opentelemetry/api"],
    ...browserEsm,
  },
  // openapi-fetch is header-auth's peer dependency: the application already bundles it.
  {
    name: "@keyway/header-auth",
    path: "size/header-auth.js",
    limit: "6.61 kB",
    ignore: ["openapi-fetch"],
    ...browserEsm,
  },
];

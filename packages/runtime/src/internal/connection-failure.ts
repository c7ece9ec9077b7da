import type { Redactor } from "../redaction.js";
import type { ConnectionFailure } from "../transport-errors.js";
import { urlsTrimmedIn } from "./url.js";

// Failures before a connection exists: the server cannot have received the request.
const NOT_CONNECTED_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "EPROTO", // Bun's failed TLS handshake
]);
const TLS_CODE = /^(ERR_TLS_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|ERR_SSL_)/;
// Deno's fetch gives no code, but names the phase that failed ("error sending request for url (…): client error
// (Connect): tcp connect error: Connection refused (os error 111)"): a failure to connect, and its system error by name.
const DENO_CONNECT_PHASE = "client error (Connect)";
const DENO_CONNECT_CODES: readonly (readonly [text: string, code: string])[] = [
  ["Connection refused", "ECONNREFUSED"],
  ["dns error", "ENOTFOUND"],
  ["Network is unreachable", "ENETUNREACH"],
  ["No route to host", "EHOSTUNREACH"],
];
// undici fails an internal assertion, whose message says nothing ("false == true"), on some responses that are not
// valid HTTP (a status under 100).
const ASSERTION_CODE = "ERR_ASSERTION";
const ASSERTION_REASON = "the response is not valid HTTP";
// Node's fetch ends the connection, with words of its own only, on an interim response it cannot pass over: a
// 100 Continue to a request that sent no "Expect: 100-continue" (Bun and Deno skip it and return the final response),
// and a 101 to a request that asked for no upgrade.
const UNDICI_SOCKET_CODE = "UND_ERR_SOCKET";
const INTERIM_RESPONSE_REASONS: ReadonlyMap<string, string> = new Map([
  ["bad response", "the server sent an unrequested 100 Continue"],
  ["bad upgrade", "the server sent an unrequested 101 Switching Protocols"],
]);
// fetch sends nothing to a port the Fetch standard blocks (6000, 6665, 10080, …), and says so in its message only:
// undici's "bad port", Deno's "Fetch failed: Requests to port 6000 are blocked".
const BLOCKED_PORT = /^bad port$|^Fetch failed: Requests to port \d+ are blocked$/;
const BLOCKED_PORT_REASON = "bad port (fetch sends nothing to it)";
// Deno refuses a host its permissions (--allow-net) leave out, before connecting, as it would again.
const DENO_NO_PERMISSION = "NotCapable";

/**
 * Why a fetch failed, from the error the runtime threw: undici wraps the system error
 * (`ECONNREFUSED`, `ENOTFOUND`, a certificate error, "other side closed") in its `cause`;
 * Deno names a failed connection in its message only (its code is then derived from that text);
 * browsers give only a TypeError. Every text is redacted, and any URL it quotes loses its query. `final` when sending
 * again cannot succeed: fetch refused the request before sending it (a blocked port, a host Deno may not reach).
 *
 * @example
 * ```ts
 * describeFailure(error, redactor); // { reason: "ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:8080)", code: "ECONNREFUSED", maybeReceived: false, final: false }
 * ```
 */
export function describeFailure(
  error: unknown,
  redactor: Redactor,
): ConnectionFailure & { readonly reason: string; readonly maybeReceived: boolean; readonly final: boolean } {
  const inner = (error as { cause?: unknown } | null)?.cause ?? error;
  const message = inner instanceof Error ? inner.message : error instanceof Error ? error.message : String(error);
  const given = codeOf(inner) ?? codeOf(error);
  const connectFailed = given === undefined && message.includes(DENO_CONNECT_PHASE);
  const code = connectFailed
    ? DENO_CONNECT_CODES.find(([text]) => message.includes(text))?.[1]
    : given && scrubbed(given, redactor);
  if (BLOCKED_PORT.test(message)) return { reason: BLOCKED_PORT_REASON, code, maybeReceived: false, final: true };
  if ((inner as Error | null)?.name === DENO_NO_PERMISSION)
    return { reason: scrubbed(message, redactor), code, maybeReceived: false, final: true };
  const text =
    code === ASSERTION_CODE
      ? ASSERTION_REASON
      : (code === UNDICI_SOCKET_CODE && INTERIM_RESPONSE_REASONS.get(message)) || scrubbed(message, redactor);
  const reason = code && !text.includes(code) ? `${code} (${text})` : text || code || "unknown";
  const neverConnected =
    connectFailed || (code !== undefined && (NOT_CONNECTED_CODES.has(code) || TLS_CODE.test(code)));
  return { reason, code, maybeReceived: !neverConnected, final: false };
}

/**
 * A copy of a runtime error (and of its causes) with remembered secrets and URLs' credentials and queries scrubbed from
 * every message, name and code.
 * Only messages, names and codes are copied: a custom fetch may reject with an object, or an error with properties,
 * that holds the request and its headers.
 */
export function redactedError(error: unknown, redactor: Redactor, depth = 0): unknown {
  if (error == null) return error;
  if (typeof error === "string") return scrubbed(error, redactor);
  if (!(error instanceof Error)) return new Error(scrubbed(messageOf(error), redactor));
  const cause =
    depth < 3 && error.cause !== undefined ? { cause: redactedError(error.cause, redactor, depth + 1) } : undefined;
  const copy = new Error(scrubbed(error.message, redactor), cause);
  // A custom fetch's error chooses its name and code as freely as its message.
  copy.name = scrubbed(String(error.name), redactor);
  const code = codeOf(error) ?? codeOf(error.cause); // undici's "fetch failed" carries it one level down
  if (code !== undefined) Object.assign(copy, { code: scrubbed(code, redactor) });
  return copy;
}

/** The `message` of an error-like value that is not an Error, or what kind of value it is. */
function messageOf(value: unknown): string {
  const message = (value as { message?: unknown }).message;
  if (typeof message === "string") return message;
  return typeof value === "object" ? "a rejection that is not an Error" : String(value);
}

function scrubbed(text: string, redactor: Redactor): string {
  return urlsTrimmedIn(redactor.redactText(text));
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

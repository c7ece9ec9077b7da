import { ConfigurationError, KeywayError, shownSentence, unquotedSyntaxError } from "@keyway/runtime";
import { Webhook, WebhookVerificationError as LibraryVerificationError } from "standardwebhooks";
import type { WebhookEvent } from "./types.js";

export type { WebhookEvent, WebhookEventType } from "./types.js";

/** Base class of every webhook verification failure. */
export class WebhookVerificationError extends KeywayError {
  override name = "WebhookVerificationError";
}
/**
 * A signature header is missing or empty (`svix-id`, `svix-timestamp` or `svix-signature`, or their `webhook-*`
 * twins).
 */
export class WebhookMissingHeaderError extends WebhookVerificationError {
  override name = "WebhookMissingHeaderError";
  /** The missing header's name. */
  readonly header: string;

  constructor({ header }: { readonly header: string }) {
    super(`The webhook has no "${header}" header, or an empty one; is this request from Stack Auth (Svix)?`);
    this.header = header;
  }
}
/**
 * The timestamp is more than 5 minutes from now (a replayed or delayed delivery), or its header is not a Unix time
 * in seconds.
 */
export class WebhookTimestampError extends WebhookVerificationError {
  override name = "WebhookTimestampError";
}
/**
 * No signature matches (the body was changed, or the secret is not this endpoint's), or the signature header holds
 * no v1 signature at all.
 */
export class WebhookSignatureError extends WebhookVerificationError {
  override name = "WebhookSignatureError";
}
/**
 * The body is not a Stack Auth event: bytes that are not UTF-8 text, or, its signature valid, not `{ type, data }`
 * JSON.
 */
export class WebhookPayloadError extends WebhookVerificationError {
  override name = "WebhookPayloadError";
}

/**
 * A request's headers as frameworks hand them over: a `Headers` object (of this runtime's fetch, or of another fetch
 * library such as node-fetch or a bundled undici), anything else that reads a header with `get(name)` (a `Map`), or a
 * record of header values (Node's `req.headers`).
 */
type HeaderSource =
  | Headers
  | { get(name: string): unknown }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

const HEADER_NAMES = ["id", "timestamp", "signature"] as const;
type HeaderName = (typeof HEADER_NAMES)[number];

/** How far a delivery's timestamp may be from now, as the `standardwebhooks` library allows. */
const TOLERANCE_SECONDS = 5 * 60;
/** A Unix time in whole seconds, as Svix sends it. */
const UNIX_SECONDS = /^[0-9]+$/;
/** A v1 (HMAC-SHA256) signature: `v1,` and the 32-byte digest in base64. */
const V1_SIGNATURE = /^v1,[A-Za-z0-9+/]{43}=$/;
/**
 * Bytes read as the very text they encode, so that the signature is checked over the bytes Svix signed: a byte-order
 * mark is kept, and bytes that are not UTF-8 are refused instead of each becoming U+FFFD (after which other bytes would
 * read, and verify, the same).
 */
const EXACT_UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const BYTE_ORDER_MARK = "\uFEFF";

/**
 * Verifies a Stack Auth webhook (Svix / Standard Webhooks signatures, checked by the
 * maintained `standardwebhooks` library) and returns the typed event. Pass the raw body
 * exactly as received, before any JSON parsing. Allows 5 minutes of clock skew and any of
 * several space-separated signatures (secret rotation).
 *
 * A missing or malformed `secret`, a body that is not the raw body, or no headers at all is
 * the server's own mistake: a `ConfigurationError`, thrown before anything is verified. What
 * the request brings is a {@link WebhookVerificationError}. No message quotes the secret or
 * the body.
 *
 * An event of a type the spec does not list (Stack Auth adds events) is returned too, verified, with its `type` as
 * sent: the result is typed with the known events, so a handler should acknowledge a type it does not handle rather
 * than end an exhaustive `switch` with a `default` that throws.
 *
 * @example
 * ```ts
 * import express from "express";
 * import { verifyWebhook, WebhookVerificationError } from "@keyway/stack-auth/webhooks";
 *
 * const app = express();
 * app.post("/webhooks/stack", express.raw({ type: "application/json" }), (req, res) => {
 *   try {
 *     const event = verifyWebhook(req.body, req.headers, process.env["STACK_WEBHOOK_SECRET"]!);
 *     if (event.type === "user.created") console.log(event.data.primary_email);
 *     res.sendStatus(200);
 *   } catch (error) {
 *     res.sendStatus(error instanceof WebhookVerificationError ? 400 : 500);
 *   }
 * });
 * ```
 */
export function verifyWebhook(rawBody: string | Uint8Array, headers: HeaderSource, secret: string): WebhookEvent {
  // The server's own configuration first: none of it depends on the request.
  const webhook = webhookFor(secret);
  const body = rawBodyOf(rawBody);
  if (typeof headers !== "object" || headers === null || Array.isArray(headers))
    throw new ConfigurationError("verifyWebhook: the request's headers are required (a Headers object or req.headers)");

  const [id, timestamp, signature] = HEADER_NAMES.map((name) => signatureHeader(headers, name)) as [
    SignatureHeader,
    SignatureHeader,
    SignatureHeader,
  ];
  checkTimestamp(timestamp);
  const signatures = signaturesOf(signature);

  const payload = exactText(body);
  try {
    const signed = {
      "webhook-id": id.value,
      "webhook-timestamp": timestamp.value,
      "webhook-signature": signatures,
    };
    webhook.verify(payload, signed, { jsonParse: false });
  } catch (error) {
    throw classify(error);
  }
  const event = parsedJson(payload);
  if (!isEvent(event))
    throw new WebhookPayloadError(
      "The webhook body is not a Stack Auth event: expected JSON with a string `type` and a `data` object",
    );
  return event;
}

function webhookFor(secret: unknown): Webhook {
  if (secret !== undefined && secret !== null && typeof secret !== "string")
    throw new ConfigurationError(`verifyWebhook: the signing secret must be a string (whsec_…), not ${typeOf(secret)}`);
  // Whitespace around the secret (a line break from a secrets file) is never part of it.
  const trimmed = typeof secret === "string" ? secret.trim() : "";
  if (trimmed === "" || trimmed === "whsec_")
    throw new ConfigurationError("verifyWebhook: the endpoint's signing secret (whsec_…) is required");
  try {
    return new Webhook(trimmed);
  } catch {
    throw new ConfigurationError(
      "verifyWebhook: the signing secret is not a valid whsec_… secret: what follows whsec_ must be base64",
    );
  }
}

function rawBodyOf(rawBody: unknown): string | ArrayBufferView | ArrayBuffer {
  if (typeof rawBody === "string" || ArrayBuffer.isView(rawBody) || rawBody instanceof ArrayBuffer) return rawBody;
  throw new ConfigurationError(
    `verifyWebhook: the body must be the raw request body, a string or bytes exactly as received, not ${typeOf(rawBody)}` +
      " (parsed JSON? with Express, use express.raw() for this route)",
  );
}

function exactText(body: string | ArrayBufferView | ArrayBuffer): string {
  if (typeof body === "string") return body;
  try {
    return EXACT_UTF8.decode(body);
  } catch {
    throw new WebhookPayloadError("The webhook body is not UTF-8 text, as Stack Auth's JSON events are");
  }
}

/** The signed body's JSON; a leading byte-order mark is not part of it (RFC 8259 lets a parser ignore one). */
function parsedJson(payload: string): unknown {
  try {
    return JSON.parse(payload.startsWith(BYTE_ORDER_MARK) ? payload.slice(1) : payload);
  } catch (error) {
    throw new WebhookPayloadError("The webhook body is not valid JSON", {
      cause: unquotedSyntaxError(error as SyntaxError),
    });
  }
}

/** What was passed instead, by its type only: never its value. */
function typeOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

interface SignatureHeader {
  /** The name the header arrived under (`svix-…` or `webhook-…`). */
  readonly name: string;
  readonly value: string;
}

/** The `svix-` header, or its `webhook-` twin; one that is empty counts as missing, as it does for the library. */
function signatureHeader(headers: HeaderSource, name: HeaderName): SignatureHeader {
  for (const header of [`svix-${name}`, `webhook-${name}`]) {
    const value = readHeader(headers, header);
    if (value !== undefined && value.trim() !== "") return { name: header, value };
  }
  throw new WebhookMissingHeaderError({ header: `svix-${name}` });
}

function checkTimestamp({ name, value }: SignatureHeader): void {
  const text = value.trim();
  if (!UNIX_SECONDS.test(text))
    throw new WebhookTimestampError(
      `The webhook's "${name}" header is not a Unix time in seconds; is this request from Stack Auth (Svix)?`,
    );
  const age = Math.floor(Date.now() / 1000) - Number(text);
  if (Math.abs(age) > TOLERANCE_SECONDS) throw timestampError(age > 0 ? "old" : "new");
}

/**
 * The header's signatures, space-separated, as the library reads them; a `WebhookSignatureError` when none is v1. A
 * header that came as several lines reaches the app joined with `, ` (Node, `Headers`), which leaves a comma after
 * each signature but the last: dropped here, since the library compares each signature whole (from 1.3).
 */
function signaturesOf({ name, value }: SignatureHeader): string {
  const signatures = value.split(" ").map((signature) => signature.replace(/,$/, ""));
  if (!signatures.some((signature) => V1_SIGNATURE.test(signature)))
    throw new WebhookSignatureError(
      `The webhook's "${name}" header holds no v1 signature ("v1," and a base64 HMAC-SHA256, space-separated);` +
        " is this request from Stack Auth (Svix)?",
    );
  return signatures.join(" ");
}

function timestampError(too: "old" | "new", cause?: unknown): WebhookTimestampError {
  return new WebhookTimestampError(
    `The webhook's timestamp is more than 5 minutes from now (message timestamp too ${too}); it may be a replay`,
    cause === undefined ? undefined : { cause },
  );
}

/**
 * What the library throws once the headers have been checked: no signature matches. Its messages are matched only as
 * a fallback (a timestamp that crossed the 5 minutes between the two checks).
 */
function classify(error: unknown): unknown {
  // Anything else the library throws is a defect, not a verdict on the request.
  if (!(error instanceof LibraryVerificationError)) return error;
  const too = /timestamp too (old|new)/i.exec(error.message)?.[1]?.toLowerCase();
  if (too === "old" || too === "new") return timestampError(too, error);
  if (/no matching signature/i.test(error.message))
    return new WebhookSignatureError(
      "No webhook signature matches: the body was altered or the secret is not this endpoint's",
      { cause: error },
    );
  return new WebhookVerificationError(`The webhook could not be verified: ${shownSentence(error.message)}`, {
    cause: error,
  });
}

/**
 * The header `name` (lower case) under any spelling of it. A `Headers` object of any fetch library reads it with
 * `get`, which ignores case; a `Map` is searched as a record is, since its keys keep the case they were set with.
 */
function readHeader(headers: HeaderSource, name: string): string | undefined {
  const value: unknown =
    headers instanceof Map
      ? headers.get(keyNamed(headers.keys(), name))
      : typeof headers.get === "function"
        ? (headers as { get(name: string): unknown }).get(name)
        : (headers as Record<string, unknown>)[keyNamed(Object.keys(headers), name)];
  if (value === undefined || value === null) return undefined;
  return Array.isArray(value) ? value.join(" ") : String(value);
}

/** The key among `keys` that is `name` in any case, or `name` itself when none is. */
function keyNamed(keys: Iterable<unknown>, name: string): string {
  for (const key of keys) if (typeof key === "string" && key.toLowerCase() === name) return key;
  return name;
}

function isEvent(value: unknown): value is WebhookEvent {
  const event = value as { type?: unknown; data?: unknown } | null;
  return (
    typeof event === "object" &&
    event !== null &&
    typeof event.type === "string" &&
    typeof event.data === "object" &&
    event.data !== null &&
    !Array.isArray(event.data)
  );
}

import { ConfigurationError, KeywayError, unquotedSyntaxError } from "@keyway/runtime";
import { Webhook, WebhookVerificationError as LibraryVerificationError } from "standardwebhooks";
import type { WebhookEvent } from "./types.js";

export type { WebhookEvent, WebhookEventType } from "./types.js";

/** Base class of every webhook verification failure. */
export class WebhookVerificationError extends KeywayError {}
/** A signature header is missing (`svix-id`, `svix-timestamp` or `svix-signature`, or their `webhook-*` twins). */
export class WebhookMissingHeaderError extends WebhookVerificationError {
  /** The missing header's name. */
  readonly header: string;

  constructor({ header }: { readonly header: string }) {
    super(`The webhook has no "${header}" header; is this request from Stack Auth (Svix)?`);
    this.header = header;
  }
}
/** The timestamp is more than 5 minutes from now: a replayed or delayed delivery. */
export class WebhookTimestampError extends WebhookVerificationError {}
/** No signature matches: the body was changed, or the secret is not this endpoint's. */
export class WebhookSignatureError extends WebhookVerificationError {}
/** The signature is valid but the body is not a Stack Auth event (`{ type, data }` JSON). */
export class WebhookPayloadError extends WebhookVerificationError {}

type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

const HEADER_NAMES = ["id", "timestamp", "signature"] as const;

/**
 * Verifies a Stack Auth webhook (Svix / Standard Webhooks signatures, checked by the
 * maintained `standardwebhooks` library) and returns the typed event. Pass the raw body
 * exactly as received, before any JSON parsing. Allows 5 minutes of clock skew and any of
 * several space-separated signatures (secret rotation).
 *
 * @example
 * ```ts
 * import express from "express";
 * import { verifyWebhook, WebhookVerificationError } from "@keyway/stack-auth/webhooks";
 *
 * const app = express();
 * app.post("/webhooks/stack", express.raw({ type: "application/json" }), (req, res) => {
 *   try {
 *     const event = verifyWebhook(req.body, req.headers, process.env.STACK_WEBHOOK_SECRET!);
 *     if (event.type === "user.created") console.log(event.data.primary_email);
 *     res.sendStatus(200);
 *   } catch (error) {
 *     res.sendStatus(error instanceof WebhookVerificationError ? 400 : 500);
 *   }
 * });
 * ```
 */
export function verifyWebhook(rawBody: string | Uint8Array, headers: HeaderSource, secret: string): WebhookEvent {
  const payload = typeof rawBody === "string" ? rawBody : new TextDecoder().decode(rawBody);
  const signatureHeaders = Object.fromEntries(
    HEADER_NAMES.map((name) => {
      const value = readHeader(headers, `svix-${name}`) ?? readHeader(headers, `webhook-${name}`);
      if (value === undefined) throw new WebhookMissingHeaderError({ header: `svix-${name}` });
      return [`webhook-${name}`, value];
    }),
  );
  let event: unknown;
  try {
    event = webhookFor(secret).verify(payload, signatureHeaders);
  } catch (error) {
    throw classify(error);
  }
  if (!isEvent(event))
    throw new WebhookPayloadError(
      "The webhook body is not a Stack Auth event: expected JSON with a string `type` and a `data` object",
    );
  return event;
}

function webhookFor(secret: string): Webhook {
  if (typeof secret !== "string" || !secret.trim())
    throw new ConfigurationError("verifyWebhook: the endpoint's signing secret (whsec_…) is required");
  try {
    return new Webhook(secret);
  } catch {
    throw new ConfigurationError("verifyWebhook: the signing secret is not a valid whsec_… secret");
  }
}

function classify(error: unknown): WebhookVerificationError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SyntaxError)
    return new WebhookPayloadError("The webhook body is not valid JSON", { cause: unquotedSyntaxError(error) });
  if (!(error instanceof LibraryVerificationError))
    return new WebhookVerificationError(`The webhook could not be verified: ${message}`, { cause: error });
  if (/timestamp too (old|new)/i.test(message)) {
    return new WebhookTimestampError(
      `The webhook's timestamp is more than 5 minutes from now (${message.toLowerCase()}); it may be a replay`,
      { cause: error },
    );
  }
  if (/signature/i.test(message)) {
    return new WebhookSignatureError(
      "No webhook signature matches: the body was altered or the secret is not this endpoint's",
      { cause: error },
    );
  }
  return new WebhookVerificationError(`The webhook could not be verified: ${message}`, { cause: error });
}

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(" ") : (value as string | undefined);
}

function isEvent(value: unknown): value is WebhookEvent {
  const event = value as { type?: unknown; data?: unknown } | null;
  return (
    typeof event === "object" &&
    event !== null &&
    typeof event.type === "string" &&
    typeof event.data === "object" &&
    event.data !== null
  );
}

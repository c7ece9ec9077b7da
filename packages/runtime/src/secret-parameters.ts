/** Whether a path, query or header parameter of this name carries a secret value. */
export type IsSecretParameter = (name: string) => boolean;

// Names (lower case, letters and digits only) whose value is a secret in any API: an OAuth client secret or token, a
// one-time or verification code, a password, an API key of another party, a request signature (the query keys the
// HTTP semantic conventions name for `url.query` redaction, AWSAccessKeyId, Signature, sig and X-Goog-Signature, among
// them); and endings that make a secret of any name: `refresh_token`, `client_secret`, `new_password`,
// `X-Webhook-Secret`, `X-Amz-Credential`, `X-Partner-Api-Key`. `api_key_id` or `secret_name` end otherwise: not secret.
const SECRET_NAME =
  /^(?:(?:auth|authorization|verification)?code|key|otp|pin|pwd|passwd|sig|awsaccesskeyid)$|(?:token|secret|password|passcode|signature|credential|apikey)$/;

/** `X-Webhook-Secret`, `webhook_secret` and `webhookSecret` all read `webhooksecret`. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Which parameters hold secrets: those named like one in any API (`code`, `token`, `client_secret`, `password`, `key`,
 * …), and those named in `extra` (any case, with or without `-` and `_`). A keyway client hides the path segments of
 * such parameters in the URLs its errors and hooks show, and `@keyway/otel` in its spans.
 *
 * @example
 * ```ts
 * import { secretParameters } from "@keyway/runtime";
 *
 * const isSecret = secretParameters(["invite_id"]);
 * isSecret("client_secret"); // true
 * isSecret("inviteId"); // true
 * isSecret("user_id"); // false
 * ```
 */
export function secretParameters(extra: readonly string[] = []): IsSecretParameter {
  const named = new Set(extra.map(normalized));
  return (name) => {
    const plain = normalized(name);
    return SECRET_NAME.test(plain) || named.has(plain);
  };
}

/**
 * A path segment of an operation that holds a secret parameter (`/verify/{code}`, `/bot{token}/getMe`), counted from
 * the path's end, since the path may follow any base path: 1 is the last segment.
 */
export interface SecretSegment {
  readonly fromEnd: number;
  /** Matches the segment, capturing the value of each secret parameter in it (`bot{token}`: what follows `bot`). */
  readonly values: RegExp;
}

const PARAMETER = /\{([^{}]+)\}/g;

/**
 * The segments of a path template (`/verify/{code}`, without its `#` fragment) that hold a secret parameter, worked out
 * once per operation.
 *
 * @example
 * ```ts
 * import { secretParameters, secretSegmentsOf } from "@keyway/runtime";
 *
 * const [segment] = secretSegmentsOf("/bot{token}/getMe", secretParameters());
 * segment?.fromEnd; // 2
 * ```
 */
export function secretSegmentsOf(template: string, isSecret: IsSecretParameter): readonly SecretSegment[] {
  const segments = template.split("#")[0]!.split("/");
  const secret: SecretSegment[] = [];
  segments.forEach((segment, index) => {
    const names = [...segment.matchAll(PARAMETER)].map((match) => match[1]!);
    if (!names.some(isSecret)) return;
    const pattern = segment
      .split(PARAMETER)
      .map((part, at) => (at % 2 === 0 ? escaped(part) : isSecret(part) ? "(.*?)" : ".*?"))
      .join("");
    secret.push({ fromEnd: segments.length - index, values: new RegExp(`^${pattern}$`, "s") });
  });
  return secret;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The indexes in `segments` (a path split at `/`) of the secret segments; all of its segments when they don't fit.
 *
 * @example
 * ```ts
 * import { secretIndexes, secretParameters, secretSegmentsOf } from "@keyway/runtime";
 *
 * const secret = secretSegmentsOf("/verify/{code}", secretParameters());
 * secretIndexes(["", "v1", "verify", "492113"], secret); // Set { 3 }: "/v1/verify/492113" split at each slash
 * ```
 */
export function secretIndexes(segments: readonly string[], secret: readonly SecretSegment[]): ReadonlySet<number> {
  const indexes = secret.map(({ fromEnd }) => segments.length - fromEnd);
  // A path shorter than the template is not the operation's: hide all of it rather than guess.
  return new Set(indexes.some((index) => index < 1) ? segments.keys() : indexes);
}

/** What a path segment holding a secret parameter reads as, as the semantic conventions spell a removed value. */
export const REDACTED_SEGMENT = "REDACTED";

/**
 * `pathname` with each segment of `secret` reading `REDACTED`, and every other segment as `shown` writes it (as it is,
 * by default).
 *
 * @example
 * ```ts
 * import { hideSecretSegments, secretParameters, secretSegmentsOf } from "@keyway/runtime";
 *
 * const secret = secretSegmentsOf("/bot{token}/getMe", secretParameters());
 * hideSecretSegments("/bot123:ABC/getMe", secret); // "/REDACTED/getMe"
 * ```
 */
export function hideSecretSegments(
  pathname: string,
  secret: readonly SecretSegment[],
  shown: (segment: string) => string = (segment) => segment,
): string {
  const segments = pathname.split("/");
  const hidden = secretIndexes(segments, secret);
  // The empty segment before a path's first `/` holds nothing, even when the whole path is hidden.
  return segments
    .map((segment, index) => (segment !== "" && hidden.has(index) ? REDACTED_SEGMENT : shown(segment)))
    .join("/");
}

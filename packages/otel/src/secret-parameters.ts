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
 * Which parameters hold secrets: those named like one in any API, and those the user names in `extra` (any case, with
 * or without `-` and `_`).
 */
export function secretParameters(extra: readonly string[] = []): IsSecretParameter {
  const named = new Set(extra.map(normalized));
  return (name) => {
    const plain = normalized(name);
    return SECRET_NAME.test(plain) || named.has(plain);
  };
}

// Which values a fake hides wherever it prints or quotes them (a recorded call, a violation line): those the client's
// `secretParameters` rule hides, worked out once per fake, and a credential's whatever that rule's `except` says.
import { Redactor } from "../redaction.js";
import { secretParameters, type IsSecretParameter, type SecretParameterOption } from "../secret-parameters.js";

/** What a fake hides, by name. */
export interface SecretRule {
  /** Whether a parameter or a body property of this name holds a secret: the fake's `secretParameters` rule. */
  readonly isSecret: IsSecretParameter;
  /**
   * Whether a header's value is a secret: a credential's (HTTP's `Authorization` and `Cookie`, a secret header of a
   * scheme of the spec), which `except` never un-hides, or one the rule hides (`X-Api-Key`, `X-Session-Ref` added).
   */
  readonly isSecretHeader: (name: string) => boolean;
}

/**
 * The rule of a fake: `option` as the client's `secretParameters` reads it (a `ConfigurationError` when it is neither
 * a list of names nor `{ add, except }`), and `credentialHeaders` always hidden.
 */
export function secretRuleOf(
  option: SecretParameterOption | undefined,
  credentialHeaders: readonly string[],
): SecretRule {
  const isSecret = secretParameters(option);
  const credentials = new Redactor(credentialHeaders);
  return { isSecret, isSecretHeader: (name) => credentials.isSecretHeader(name) || isSecret(name) };
}

/** Whether the value of a parameter of `place` (`path`, `query`, `header`) named `name` is hidden by `rule`. */
export function isSecretParameter(rule: SecretRule, place: string, name: string): boolean {
  return place === "header" ? rule.isSecretHeader(name) : rule.isSecret(name);
}

/**
 * `text` with the value of each header `headers` carries that `isCredential` names read as "[REDACTED]", and the token
 * of a credential sent after its scheme's word (`Bearer …`): what a request sent as its credentials never shows in a
 * violation, even where the app also sent it in a field that broke the spec (`letmein` as a `count`, a map's key).
 */
export function withoutSentSecrets(text: string, headers: Headers, isCredential: (header: string) => boolean): string {
  const sent = new Redactor([]);
  for (const [name, value] of headers) {
    if (!isCredential(name)) continue;
    sent.remember(value);
    const token = value.replace(/^\S+\s+/, "");
    if (token !== value) sent.remember(token);
  }
  return sent.redactText(text);
}

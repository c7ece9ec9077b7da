import { ConfigurationError } from "./keyway-errors.js";
import { kindOf } from "./internal/shown.js";
import { splitFragment, templateSegments } from "./internal/path-template.js";

/** Whether a path, query or header parameter of this name carries a secret value. */
export type IsSecretParameter = (name: string) => boolean;

// Names (lower case, letters and digits only) whose value is a secret in any API: an OAuth client secret or token, a
// one-time or verification code, a password, an API key of another party, a request signature (the query keys the
// HTTP semantic conventions name for `url.query` redaction, AWSAccessKeyId, Signature, sig and X-Goog-Signature, among
// them), a JWT; and endings that make a secret of any name: `refresh_token`, `client_secret`, `new_password`,
// `X-Webhook-Secret`, `X-Amz-Credential`, `X-Partner-Api-Key`, `access_key` (ipstack's query key), `private_key`,
// `SecretAccessKey`, `client_assertion`. `api_key_id`, `access_key_id`, `idempotency_key` or `secret_name` end
// otherwise: not secret.
const SECRET_NAME =
  /^(?:(?:auth|authorization|verification)?code|key|otp|pin|pwd|passwd|sig|awsaccesskeyid|jwt)$|(?:token|secret|password|passcode|signature|credential|apikey|accesskey|privatekey|secretkey|assertion)$/;

/** `X-Webhook-Secret`, `webhook_secret` and `webhookSecret` all read `webhooksecret`. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * The client option `secretParameters` in its object form: names to hide on top of the rule (`add`), and names the
 * rule would hide whose values are not secret in this API (`except`: an object store's `key`, a country `code`). Names
 * are compared in any case, with or without `-` and `_`. `except` never un-hides a credential (a security scheme's
 * header, `Authorization`, `Cookie`): those are redacted whatever their name.
 */
export interface SecretParameterRule {
  readonly add?: readonly string[];
  readonly except?: readonly string[];
}

/** What the client option `secretParameters` takes: names to hide on top of the rule, or a {@link SecretParameterRule}. */
export type SecretParameterOption = readonly string[] | SecretParameterRule;

/**
 * Which parameters hold secrets: those named like one in any API (`code`, `token`, `client_secret`, `password`, `key`,
 * `access_key`, `private_key`, `jwt`, …) unless `rule.except` names them, and those `rule` adds (a list of names, or
 * `rule.add`), in any case, with or without `-` and `_`; a nested query key (`auth[password]`, `token[kind]`) where its
 * name or any key in it is one. A keyway client hides the path segments of such parameters in the URLs its errors and
 * hooks show, the values a call sends for them wherever its server echoes them, and `@keyway/otel` hides them in its spans.
 * Throws a `ConfigurationError` for a rule that is neither a list of names nor `{ add, except }`, or that names a
 * parameter in both.
 *
 * @example
 * ```ts
 * import { secretParameters } from "@keyway/runtime";
 *
 * const isSecret = secretParameters({ add: ["invite_id"], except: ["key"] });
 * isSecret("client_secret"); // true
 * isSecret("inviteId"); // true
 * isSecret("key"); // false: an object's key in this API
 * isSecret("user_id"); // false
 * isSecret("auth[password]"); // true: a deepObject parameter's secret key
 * ```
 */
export function secretParameters(rule?: SecretParameterOption | null): IsSecretParameter {
  const { add, except } = checkedRule(rule ?? []); // null leaves the rule unset, as every option
  const named = new Set(add.map(normalized));
  const excepted = new Set(except.map(normalized));
  const both = add.find((name) => excepted.has(normalized(name)));
  if (both !== undefined)
    throw new ConfigurationError(`secretParameters names "${both}" both in add and in except: leave it in one of them`);
  const isSecretName = (name: string) => {
    const plain = normalized(name);
    return named.has(plain) || (SECRET_NAME.test(plain) && !excepted.has(plain));
  };
  // A nested query key (`auth[password]`, a deepObject `token[kind]`) is secret where its name or a key in it is; a name
  // holding brackets that is no nested key (a path parameter `a[b`) where the name as a whole is.
  return (name) => isSecretName(name) || (name.includes("[") && name.split(/[[\]]+/).some(isSecretName));
}

/** `rule` as its two lists, or a `ConfigurationError` saying what is wrong with it (never quoting a value). */
function checkedRule(rule: unknown): { add: readonly string[]; except: readonly string[] } {
  const lists = Array.isArray(rule) ? { add: rule } : rule;
  if (lists === null || typeof lists !== "object" || Object.getPrototypeOf(lists) !== Object.prototype)
    throw wrongRule(kindOf(rule));
  const { add = [], except = [], ...other } = lists as Record<string, unknown>;
  const [unknown] = Object.keys(other);
  if (unknown !== undefined) throw wrongRule(`an object with ${JSON.stringify(unknown)}`);
  for (const [key, names] of Object.entries({ add, except }))
    if (!Array.isArray(names) || names.some((name) => typeof name !== "string"))
      throw wrongRule(Array.isArray(rule) ? "a list holding something else" : `${kindOf(names)} as ${key}`);
  return { add: add as readonly string[], except: except as readonly string[] };
}

function wrongRule(got: string): ConfigurationError {
  return new ConfigurationError(
    `secretParameters must be a list of parameter names, or { add, except } with such lists, got ${got}`,
  );
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
  const segments = templateSegments(splitFragment(template)[0]);
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

/**
 * The values a request sends for its secret parameters, as it writes them and decoded: each secret path segment and
 * the parameter values in it (`secret`, see {@link secretSegmentsOf}), each query value, cookie and header whose name
 * `isSecret` holds (and each value of a list, `a,b`, or of a header sent twice), each once. A server may echo any of
 * them; hide them in what is shown of that request's call (see {@link Redactor.forCall}). Reads the URL only when the
 * path has secret segments or there is a query.
 *
 * @example
 * ```ts
 * import { secretParameters, secretSegmentsOf, secretValuesSent } from "@keyway/runtime";
 *
 * const isSecret = secretParameters();
 * const secret = secretSegmentsOf("/verify/{code}", isSecret);
 * secretValuesSent("https://api.example.com/verify/49%2F21?token=t0k3n", new Headers(), secret, isSecret);
 * // ["49%2F21", "49/21", "t0k3n"]
 * ```
 */
export function secretValuesSent(
  requestUrl: string,
  headers: Iterable<[string, string]>,
  secret: readonly SecretSegment[],
  isSecret: IsSecretParameter,
): string[] {
  const values = new Set<string>();
  // A value, and each of a list's where it is one (`a,b`, a header sent twice as `a, b`): each may be echoed alone.
  const add = (value: string) => {
    for (const item of [value, ...value.split(/, ?/)]) values.add(item).add(decoded(item));
  };
  // A `name=value` pair of a query or a Cookie header, whose value is secret where its name is.
  const addPair = (pair: string) => {
    const equals = pair.indexOf("=");
    if (equals > 0 && isSecret(decoded(pair.slice(0, equals).trim()))) add(pair.slice(equals + 1));
  };
  for (const [name, value] of headers) {
    if (isSecret(name)) add(value);
    // A cookie parameter (`session_token`) is one pair of the Cookie header.
    else if (name.toLowerCase() === "cookie") value.split(";").forEach(addPair);
  }
  if ((secret.length === 0 && !requestUrl.includes("?")) || !URL.canParse(requestUrl)) return [...values];
  const url = new URL(requestUrl);
  const segments = url.pathname.split("/");
  for (const index of secret.length ? secretIndexes(segments, secret) : []) {
    const segment = segments[index]!;
    add(segment);
    const fit = secret.find(({ fromEnd }) => segments.length - fromEnd === index)?.values.exec(segment);
    for (const value of fit?.slice(1) ?? []) add(value);
  }
  url.search.slice(1).split("&").forEach(addPair);
  return [...values];
}

/** `value` with its percent-escapes (and a form's `+` for a space) decoded; as it is when they are not UTF-8. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

// How a recorded call prints in a test's output: a failed assertion on `fake.calls()` (vitest's diff, node:test's
// assert diff), `console.log` and `JSON.stringify` show all of it but a secret: a credential header's value, and a
// secret parameter's (`client_secret`, `token`, and those of the fake's `secretParameters`) in the URL, the parameters
// and the body, read "[REDACTED]". Code still reads every value as sent: the call and its headers are plain objects
// (a plain `Headers`), so `.get()`, `call.url` and `toEqual(new Headers(…))` see the values, and only printing, which
// is rare, pays for hiding them.
import { REDACTED } from "../redaction.js";
import { hideSecretSegments, type IsSecretParameter, type SecretSegment } from "../secret-parameters.js";
import { isSecretParameter, type SecretRule } from "./secret-rule.js";

/**
 * Makes `target` print as `shown()` says, by Node's `util.inspect` (console.log, node:test, vitest's messages, Bun),
 * Deno's console and `toJSON` (vitest's diff, `JSON.stringify`). Both are own properties that are not enumerable, which equality checks
 * leave out.
 */
function printedAs<T extends object>(target: T, label: string, shown: () => unknown): T {
  type Inspect = (value: unknown, options: unknown) => string;
  const printed = (inspect: Inspect | undefined, options: unknown) => {
    const text = typeof inspect === "function" ? inspect(shown(), options) : JSON.stringify(shown());
    return label ? `${label} ${text}` : text;
  };
  Object.defineProperties(target, {
    toJSON: { value: shown, configurable: true },
    [Symbol.for("nodejs.util.inspect.custom")]: {
      value: (_depth: number, options: unknown, inspect?: Inspect) => printed(inspect, options),
      configurable: true,
    },
    // Deno's console.log asks this one first, and would otherwise print its own Headers' values.
    [Symbol.for("Deno.customInspect")]: {
      value: (inspect?: Inspect, options?: unknown) => printed(inspect, options),
      configurable: true,
    },
  });
  return target;
}

/** `headers`, printing every header but with a secret's value (a credential's, see {@link SecretRule}) as "[REDACTED]". */
export function printedWithoutSecretHeaders(headers: Headers, rule: SecretRule): Headers {
  return printedAs(headers, "Headers", () => {
    const entries: Record<string, string> = {};
    for (const [name, value] of headers) entries[name] = rule.isSecretHeader(name) ? REDACTED : value;
    return entries;
  });
}

interface PrintedCall {
  readonly operation: string;
  readonly url: string;
  readonly params: { readonly [place: string]: Readonly<Record<string, unknown>> };
  readonly body: unknown;
}

/**
 * `call`, printing as it is but with the value of each parameter `rule` hides as "[REDACTED]", in its URL too (its
 * path's `secretPath` segments), and so the value of each property of such a name in its body or a parameter's object
 * (an OAuth form's `client_secret`).
 */
export function printedWithoutSecrets<T extends PrintedCall>(
  call: T,
  rule: SecretRule,
  secretPath: readonly SecretSegment[],
): T {
  return printedAs(call, "", () => ({
    ...call,
    url: urlWithoutSecrets(call.url, secretPath, rule),
    params: Object.fromEntries(
      Object.entries(call.params).map(([place, values]) => [
        place,
        Object.fromEntries(
          Object.entries(values).map(([name, value]) => [
            name,
            isSecretParameter(rule, place, name) ? REDACTED : withoutSecretProperties(value, rule.isSecret),
          ]),
        ),
      ]),
    ),
    body: withoutSecretProperties(call.body, rule.isSecret),
  }));
}

/** Deeper than this, a printed body reads "[REDACTED]" whole rather than be searched for secrets without end. */
const SEARCHED_DEPTH = 64;

/** `value` (JSON, a form's fields), with the value of each property `isSecret` holds, at any depth, as "[REDACTED]". */
function withoutSecretProperties(value: unknown, isSecret: IsSecretParameter, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= SEARCHED_DEPTH) return REDACTED;
  if (Array.isArray(value)) return value.map((item) => withoutSecretProperties(item, isSecret, depth + 1));
  // A File or Blob of a multipart body prints as it is.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [
      name,
      isSecret(name) ? REDACTED : withoutSecretProperties(item, isSecret, depth + 1),
    ]),
  );
}

/** `url` with its `secretPath` segments and the values of secret query fields hidden. */
function urlWithoutSecrets(url: string, secretPath: readonly SecretSegment[], { isSecret }: SecretRule): string {
  const parsed = new URL(url);
  parsed.pathname = hideSecretSegments(parsed.pathname, secretPath);
  for (const name of new Set(parsed.searchParams.keys())) if (isSecret(name)) parsed.searchParams.set(name, REDACTED);
  return parsed.href;
}

// How a request's headers print in a test's output: a failed assertion on `fake.calls()` (vitest's diff, node:test's
// assert diff), `console.log` and `JSON.stringify` show every header, but a credential's value as "[REDACTED]". The
// headers stay a plain `Headers`: `.get()` still returns the value for a test to assert on, and `toEqual` against a
// `new Headers(…)` still compares the values.
import { REDACTED, Redactor } from "../redaction.js";
import { isSecretName } from "./violation-text.js";

/**
 * Whether a header carries a credential: one of HTTP's (`Authorization`, `Cookie`), a header of a scheme of the spec
 * (`credentialHeaders`), or one named like a secret (`X-Api-Key`, `X-Access-Token`).
 */
export function credentialHeaderTest(credentialHeaders: readonly string[]): (name: string) => boolean {
  const redactor = new Redactor(credentialHeaders);
  return (name) => redactor.isSecretHeader(name) || isSecretName(name);
}

/**
 * Makes `headers` print with each credential's value as "[REDACTED]", by Node's `util.inspect` (console.log, node:test,
 * vitest's messages) and by `toJSON` (vitest's diff, `JSON.stringify`). Both are own properties that are not
 * enumerable, which equality checks leave out.
 */
export function printedWithoutCredentials(headers: Headers, isCredential: (name: string) => boolean): Headers {
  const shown = (): Record<string, string> => {
    const entries: Record<string, string> = {};
    for (const [name, value] of headers) entries[name] = isCredential(name) ? REDACTED : value;
    return entries;
  };
  Object.defineProperties(headers, {
    toJSON: { value: shown, configurable: true },
    [Symbol.for("nodejs.util.inspect.custom")]: {
      value: (_depth: number, options: unknown, inspect?: (value: unknown, options: unknown) => string) =>
        `Headers ${inspect ? inspect(shown(), options) : JSON.stringify(shown())}`,
      configurable: true,
    },
  });
  return headers;
}

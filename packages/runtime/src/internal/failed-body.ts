import type { Redactor } from "../redaction.js";
import { adoptResponseContext, type FetchResult } from "../result.js";

/**
 * Makes a failed response's `text()` and `json()`, which openapi-fetch reads for a call's `error`, give the body with
 * every secret the client sent redacted, so that a server echoing a key in its error body (`invalid key sk_…`) does
 * not put it into `error`, where applications log it. A JSON body may write a secret with escapes (`\/`, `\u0041`)
 * that hide it from a search of the text: such a body is redacted value by value.
 */
export function redactFailedBody(response: Response, redactor: Redactor): void {
  const read = response.text;
  const text = () => read.call(response).then((body) => redactedBody(body, redactor));
  Object.defineProperties(response, {
    text: { value: text, configurable: true },
    json: { value: () => text().then((body) => JSON.parse(body) as unknown), configurable: true },
  });
}

/**
 * The body with every secret redacted. A JSON body is redacted value by value, after parsing, so that redaction cannot
 * change its structure (a secret such as `null`, or one that decodes to a quote) and finds secrets written with
 * escapes. A body redaction leaves as it was, without escapes, is returned as it came; one that is not JSON, is
 * nested deeper than `JSON.stringify` goes (a few thousand levels), or still writes a secret once redacted value by
 * value (one that spans values: `bad key Xk9q","v":"Q7wz`) is redacted as text.
 */
function redactedBody(body: string, redactor: Redactor): string {
  const redacted = redactor.redactText(body);
  if (redacted === body && !body.includes("\\")) return body;
  try {
    const json = JSON.stringify(redactor.redactValue(JSON.parse(body)));
    return redactor.redactText(json) === json ? json : redacted;
  } catch {
    return redacted;
  }
}

/**
 * `result` as the call gives it when a middleware's `onResponse` put a new `Response` in place of `original`, the one
 * the transport returned: a failure's `error` redacted and its response known to keyway (an `ApiError` made from it
 * names the request and redacts its headers), as the original's would have been.
 */
export function withReplacedResponse(result: FetchResult, original: Response): FetchResult {
  if (result.response.ok) return result;
  const redactor = adoptResponseContext(result.response, original);
  return redactor ? { ...result, error: redactedErrorBody(result.error, redactor) } : result;
}

/**
 * The `error` openapi-fetch read from a failed response whose body nothing redacted (a middleware's `onResponse` put a
 * new `Response` in its place, over the same bytes), redacted as {@link redactFailedBody} redacts the body it reads:
 * text as text, a parsed JSON value value by value, or as the text of its JSON when a secret spans its values.
 */
function redactedErrorBody(error: unknown, redactor: Redactor): unknown {
  if (typeof error === "string") return redactedBody(error, redactor);
  const copy = redactor.redactValue(error);
  const json = JSON.stringify(copy);
  return json === undefined || redactor.redactText(json) === json ? copy : redactor.redactText(json);
}

import type { Redactor } from "../redaction.js";

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
 * escapes. A body redaction leaves as it was, without escapes, is returned as it came; one that is not JSON, or is
 * nested deeper than `JSON.stringify` goes (a few thousand levels), is redacted as text.
 */
function redactedBody(body: string, redactor: Redactor): string {
  const redacted = redactor.redactText(body);
  if (redacted === body && !body.includes("\\")) return body;
  try {
    return JSON.stringify(redactor.redactValue(JSON.parse(body)));
  } catch {
    return redacted;
  }
}

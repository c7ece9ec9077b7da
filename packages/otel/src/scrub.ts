import type { Redactor } from "@keyway/runtime";

/** Scrubs the secrets a client knows from a text before it goes into a span. */
export type Scrub = (text: string) => string;

const PERCENT_ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * The client's redactor, also applied to the text with its percent escapes decoded: a secret
 * passed as a path parameter reaches a URL (and the messages that quote it) percent-encoded,
 * where the redactor alone would not recognize it (`ab/cd` as `ab%2Fcd`). The decoded text is
 * used only when it reveals a secret, so URLs keep their usual form otherwise.
 */
export function scrubberOf(redactor: Redactor): Scrub {
  return (text) => {
    const redacted = redactor.redactText(text);
    if (!redacted.includes("%")) return redacted;
    const decoded = redacted.replace(PERCENT_ESCAPES, decodeEscapes);
    const scrubbed = redactor.redactText(decoded);
    return scrubbed === decoded ? redacted : scrubbed;
  };
}

function decodeEscapes(escapes: string): string {
  try {
    return decodeURIComponent(escapes);
  } catch {
    return escapes; // not UTF-8: left as it is
  }
}

import type { Redactor } from "@keyway/runtime";

/** Scrubs the secrets a client knows from a text before it goes into a span. */
export type Scrub = (text: string) => string;

/** The client's redactor, which also finds a secret a URL writes percent-encoded. */
export function scrubberOf(redactor: Redactor): Scrub {
  return (text) => redactor.redactText(text);
}

import {
  Redactor,
  secretValuesSent,
  type InstrumentedRequest,
  type IsSecretParameter,
  type SecretSegment,
} from "@keyway/runtime";
import type { Scrub } from "./scrub.js";
import { redactedPath } from "./secret-path.js";

/**
 * The scrub of one call: the client's, then the values of the request's secret parameters (path, query and header
 * parameters named like secrets), in any encoding the client's redactor finds, and the request's URL written with
 * those path segments `REDACTED` wherever a message quotes it (as keyway's errors do: `GET <origin><path> …`). Worked
 * out on first use, which only a failure, a redirect or a retry has.
 */
export function callScrub(
  client: Scrub,
  request: InstrumentedRequest,
  secret: readonly SecretSegment[],
  isSecret: IsSecretParameter,
): Scrub {
  // The request's URL and headers, not the request: an observer's scrub lives as long as its call's response, and the
  // request would keep all it holds (its body, its init) alive with it.
  const { url, headers } = request;
  let scrub: Scrub | undefined;
  return (text) => {
    scrub ??= requestScrub(client, url, headers, secret, isSecret);
    return scrub(text);
  };
}

function requestScrub(
  client: Scrub,
  requestUrl: string,
  headers: InstrumentedRequest["headers"],
  secret: readonly SecretSegment[],
  isSecret: IsSecretParameter,
): Scrub {
  const values = new Redactor([]).forCall(secretValuesSent(requestUrl, headers, secret, isSecret));
  if (secret.length === 0 || !URL.canParse(requestUrl)) return (text) => values.redactText(client(text));
  const url = new URL(requestUrl);
  const quoted = `${url.origin}${url.pathname}`;
  const shown = url.origin + redactedPath(url.pathname, client, secret);
  return (text) => values.redactText(client(text.split(quoted).join(shown)));
}

import type { ClientOperationMeta, InstrumentedClient } from "@keyway/runtime";
import type { Scrub } from "./scrub.js";

/** What stands in for a removed query value or URL credential, as the semantic conventions spell it. */
export const REDACTED = "REDACTED";

/**
 * The request URL for `url.full`: every query value and any user name or password in it
 * replaced by `REDACTED`, the fragment dropped, and any secret the client knows scrubbed: a path
 * segment or query key that holds one (percent-encoded or not) becomes `REDACTED` too.
 */
export function redactedUrl(url: URL, scrub: Scrub): string {
  const copy = new URL(url);
  const hidden = (part: string) => (scrub(part) === part ? part : REDACTED);
  if (copy.username) copy.username = REDACTED;
  if (copy.password) copy.password = REDACTED;
  copy.hash = "";
  copy.pathname = copy.pathname.split("/").map(hidden).join("/");
  if (copy.search) {
    const keys = copy.search
      .slice(1)
      .split("&")
      .map((pair) => pair.split("=")[0]!);
    // A query is often form-encoded, with "+" for a space.
    copy.search = keys
      .map((key) => `${hidden(key.replace(/\+/g, "%20")) === REDACTED ? REDACTED : key}=${REDACTED}`)
      .join("&");
  }
  return scrub(copy.href);
}

/** `server.port`: the URL's port, or its scheme's default. */
export function serverPort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "http:" ? 80 : 443;
}

/**
 * The names of the security schemes a request carries: the first alternative of the
 * operation whose headers are all on it (header-auth removes every other scheme's).
 * Only the presence of a header is read, never its value.
 */
export function schemesUsed(
  request: Request,
  operation: ClientOperationMeta,
  client: InstrumentedClient,
): readonly string[] {
  const schemes = client.meta.securitySchemes;
  const alternative = operation.security.find((names) =>
    names.every((name) => schemes[name] && request.headers.has(schemes[name].header)),
  );
  return alternative ?? [];
}

/** The path template of each operation of a client's API, found once from its metadata. */
export function pathTemplates(
  client: InstrumentedClient,
): Map<ClientOperationMeta, { readonly method: string; readonly template: string }> {
  const templates = new Map<ClientOperationMeta, { method: string; template: string }>();
  for (const [key, operation] of Object.entries(client.meta.operations)) {
    const space = key.indexOf(" ");
    templates.set(operation, { method: key.slice(0, space), template: key.slice(space + 1) });
  }
  return templates;
}

// Stack Auth is being renamed Hexclave, and its headers with it (`X-Stack-*` → `X-Hexclave-*`).
// The spec declares the `X-Stack-*` names and, in `info.x-keyway-header-aliases`, the Hexclave
// name of each; this module turns that into what one client sends and reads.
import { withHeaderFamily } from "@keyway/header-auth";
import type { ClientMeta, SecuritySchemeMeta } from "@keyway/runtime";
import { replacedResponse } from "./replaced-response.js";

/**
 * Which names the client's Stack Auth headers go by:
 * - `"stack"` (default): `X-Stack-*`, the names every Stack Auth backend knows, hosted or
 *   self-hosted, before and after the rename;
 * - `"hexclave"`: `X-Hexclave-*`, the names the official SDK sends since 2.8.108; the hosted API
 *   accepts them, a self-hosted backend built before the rename ignores them.
 */
export type HeaderFamily = "stack" | "hexclave";

/** The spec's names of the headers the client handles itself, besides the credentials. */
const ALLOW_ANONYMOUS_USER = "X-Stack-Allow-Anonymous-User";
const KNOWN_ERROR = "X-Stack-Known-Error";
const ACTUAL_STATUS = "X-Stack-Actual-Status";
const REQUEST_ID = "X-Stack-Request-Id";

/**
 * Stack Auth's secret headers, whichever access a client has: a client-access client never sends the server key, and
 * no keyway client sends admin access's, nor a development backend's key to every project (whose Hexclave name the
 * spec's aliases do not list, as no SDK sends it).
 */
const SECRET_HEADERS = [
  "X-Stack-Secret-Server-Key",
  "X-Stack-Super-Secret-Admin-Key",
  "X-Stack-Admin-Access-Token",
  "X-Stack-Development-Override-Key",
  "X-Hexclave-Development-Override-Key",
];

/** The header names one client sends and reads. */
export interface HeaderNames {
  /** The API metadata with its credential headers named as in the chosen family. */
  readonly meta: ClientMeta;
  /** The header that lets anonymous users' tokens through, in the chosen family. */
  readonly allowAnonymousUser: string;
  /** Every name a known error's code may arrive under, the renamed ones first (lower case). */
  readonly knownError: readonly string[];
  /** Every name of the header carrying the real status of a 4xx rewritten to 200. */
  readonly actualStatus: readonly string[];
  /** Every name of the response header carrying the request id, the renamed ones first, then `x-request-id`. */
  readonly requestId: readonly string[];
}

/**
 * The names of `family` for an API's metadata. Responses are read under every family's
 * name, whichever the client sends: a server after the rename may answer with both.
 */
export function headerNamesFor(meta: ClientMeta, family: HeaderFamily = "stack"): HeaderNames {
  const aliases = meta.headerAliases ?? {};
  const everyName = (header: string) =>
    [...Object.values(aliases).map((names) => names[header]), header]
      .filter((name): name is string => !!name)
      .map((name) => name.toLowerCase());
  return {
    meta: withGuardSchemes(family === "stack" ? meta : withHeaderFamily(meta, family), meta),
    allowAnonymousUser:
      family === "stack" ? ALLOW_ANONYMOUS_USER : (aliases[family]?.[ALLOW_ANONYMOUS_USER] ?? ALLOW_ANONYMOUS_USER),
    knownError: everyName(KNOWN_ERROR),
    actualStatus: everyName(ACTUAL_STATUS),
    requestId: [...everyName(REQUEST_ID), "x-request-id"],
  };
}

/**
 * `familyMeta` (the client's metadata, named in its family) with a scheme no operation uses for every credential header
 * the client must not send: each of its schemes' headers in the other families' names, and Stack Auth's secret headers
 * it has no scheme for, in every family's. header-auth then removes such a header when a caller or the client's
 * `headers` option sets it, and the transport redacts it, keeps it at the API's origin and off plain http, as it does
 * the client's own credentials.
 */
function withGuardSchemes(familyMeta: ClientMeta, specMeta: ClientMeta): ClientMeta {
  const families = [undefined, ...Object.values(specMeta.headerAliases ?? {})];
  const spellings = (header: string) => families.map((aliases) => aliases?.[header] ?? header);
  const sent = new Set(Object.values(familyMeta.securitySchemes).map((scheme) => scheme.header.toLowerCase()));
  const guards: Record<string, SecuritySchemeMeta> = {};
  const guard = (header: string, scheme: Omit<SecuritySchemeMeta, "header">) => {
    if (!sent.has(header.toLowerCase())) guards[`${header} (never sent)`] = { ...scheme, header };
  };
  for (const scheme of Object.values(specMeta.securitySchemes))
    for (const header of spellings(scheme.header)) guard(header, scheme);
  for (const secret of SECRET_HEADERS) for (const header of spellings(secret)) guard(header, { secret: true });
  return { ...familyMeta, securitySchemes: { ...familyMeta.securitySchemes, ...guards } };
}

/** The first of `names` the headers carry. */
export function firstHeader(headers: Headers, names: readonly string[]): string | null {
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) return value;
  }
  return null;
}

/**
 * A response step (the client's `readResponse`) that undoes `X-Stack-Override-Error-Status` (which the client never
 * sends, but a caller's own headers or a proxy may): a 200 that carries the actual-status header of a 4xx becomes that
 * status again, so it is read as the error it is, whichever fetch the call was sent with.
 */
export function restoringActualStatus(names: readonly string[]): (response: Response) => Response {
  return (response) => {
    if (response.status !== 200) return response;
    const actual = Number(firstHeader(response.headers, names));
    if (!Number.isInteger(actual) || actual < 400 || actual > 599) return response;
    return replacedResponse(response, response.body, { status: actual });
  };
}

// openapi-fetch answers a `Content-Length: 0` body without reading it (`data` or `error` undefined) but reads the same
// empty body chunked or ended by the connection's close: as JSON it is `undefined` too, as text `""`, an empty Blob,
// ArrayBuffer or stream, and a failure's `error` is `""`. A keyway call sees one answer for one empty body, whatever
// its framing: the one a read of it gives, as the caller asked (`parseAs`), as fetch reads it.
import { ResponseParseError } from "../errors.js";
import type { FetchResult } from "../result.js";
import type { Redactor } from "../redaction.js";
import { keepResponseWithBody } from "./streamed-body.js";

/** Whether a success of this status must come with a body, as its operation's spec declares. */
export type BodyExpected = (status: number) => boolean;

/**
 * Which successes of an operation must come with a body, from its metadata's `successesWithBody` (made once per
 * operation); undefined when none must or the metadata does not say. A 204 or 205 never has one (fetch gives both a
 * null body), whatever the metadata, a range or one generated before it left 205 out, says.
 */
export function bodyExpectedOf(successesWithBody: string | undefined): BodyExpected | undefined {
  if (!successesWithBody) return undefined;
  const statuses = new Set(successesWithBody.split(" "));
  const everySuccess = statuses.has("2XX");
  return (status) => status !== 204 && status !== 205 && (everySuccess || statuses.has(String(status)));
}

/**
 * The result of a call whose body openapi-fetch found empty or did not read (`data` undefined): a failure's `error` is
 * `undefined` however its empty body was framed. A success whose operation declares a body for its status, and no
 * success without one (`successMayBeEmpty`), on any method but HEAD, read as JSON (no `parseAs`, or `"json"`) is a
 * {@link ResponseParseError} naming the status, since its `data` is typed as that body. Read as the caller or the spec
 * asks otherwise (`parseAs` `"text"`, `"blob"`, `"arrayBuffer"` or `"stream"`), its `data` is what that read gives
 * (`""`, an empty Blob or ArrayBuffer, the body's stream), the type the call's `data` has; a 204 or a HEAD answer,
 * which have no body at all, keep `data: undefined`, as openapi-fetch gives them.
 */
export function emptyBodyResult(
  result: FetchResult,
  method: string,
  path: string,
  parseAs: string | undefined,
  bodyExpected: BodyExpected | undefined,
  redactor: Redactor,
): FetchResult | Promise<FetchResult> {
  const { response } = result;
  if (!response.ok) return result.error === "" ? { error: undefined, response } : result;
  if (method === "HEAD" || response.status === 204) return result;
  const readAs = parseAs ?? "json";
  if (readAs !== "json") return emptyBodyRead(response, readAs);
  if (bodyExpected === undefined || !bodyExpected(response.status)) return result;
  // A server may echo a credential anywhere.
  const header = (name: string) => redactor.redactText(response.headers.get(name) ?? "") || undefined;
  throw new ResponseParseError({
    method,
    path,
    cause: undefined,
    contentType: header("content-type"),
    // Node's fetch decodes a gzip body cut short, or no more than its header, to nothing, without an error.
    contentEncoding: header("content-encoding"),
    emptyBodyStatus: response.status,
  });
}

/**
 * What reading a success's empty body as `readAs` gives, as openapi-fetch reads one it does not skip: the body's stream
 * (`null` for a 205, whose body fetch leaves out), or what that body method gives for an empty body with the same
 * headers (a Blob's type is fetch's), so that a body a middleware has read already is not read again.
 */
async function emptyBodyRead(response: Response, readAs: string): Promise<FetchResult> {
  const result = {
    data:
      readAs === "stream"
        ? response.body
        : await new Response(null, { headers: response.headers })[readAs as "text" | "blob" | "arrayBuffer"](),
    response,
  };
  keepResponseWithBody(result);
  return result;
}

/**
 * The result of a call whose success body JSON could not read, when its operation's spec declares no success with a
 * body (a `DELETE` answered `200 OK` as text where the spec declares `204`): `data: undefined`, as its type says,
 * rather than a `ResponseParseError` for a body the spec never promised. Undefined when the call fails as it did: its
 * operation declares a body, the metadata does not say, or the caller chose how to read it (`parseAs`).
 */
export function unpromisedBodyResult(
  error: unknown,
  response: Response | undefined,
  parseAs: string | undefined,
  successesWithBody: string | undefined,
): FetchResult | undefined {
  if (successesWithBody !== "" || !(error instanceof SyntaxError) || !response?.ok) return undefined;
  return (parseAs ?? "json") === "json" ? { data: undefined, response } : undefined;
}

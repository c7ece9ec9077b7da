// openapi-fetch answers a success whose body is empty with `data: undefined` when it reads JSON, whether the body says
// so (`Content-Length: 0`) or only ends (chunked); read as text, it is `undefined` with `Content-Length: 0` but `""`
// chunked; a failure's `error` is `undefined` with `Content-Length: 0` but `""` chunked. A keyway call sees one answer
// for one empty body, whatever its framing.
import { ResponseParseError } from "../errors.js";
import type { ClientOperationMeta } from "../meta.js";
import type { FetchResult } from "../result.js";

/** Whether a success of this status must come with a body, as its operation's spec declares. */
export type BodyExpected = (status: number) => boolean;

/**
 * Which successes of an operation must come with a body, from its metadata's `successesWithBody` (made once per
 * operation); undefined when none must or the metadata does not say. 204 never has one.
 */
export function bodyExpectedOf(successesWithBody: string | undefined): BodyExpected | undefined {
  if (!successesWithBody) return undefined;
  const statuses = new Set(successesWithBody.split(" "));
  const everySuccess = statuses.has("2XX");
  return (status) => status !== 204 && (everySuccess || statuses.has(String(status)));
}

/**
 * The result of a call whose body openapi-fetch found empty or did not read (`data` undefined): a failure's `error` is
 * `undefined` however its empty body was framed. A success whose operation declares a body for its status (any method
 * but HEAD) read as JSON (no `parseAs`, or `"json"`) is a {@link ResponseParseError} naming the status, since its
 * `data` is typed as that body; read as text the spec declares (`successBody: "text"`), its `data` is `""`, the
 * string its type says, as a chunked one's is. A caller's own `parseAs` of another kind keeps openapi-fetch's answer.
 */
export function emptyBodyResult(
  result: FetchResult,
  method: string,
  path: string,
  parseAs: string | undefined,
  bodyExpected: BodyExpected | undefined,
  successBody: ClientOperationMeta["successBody"],
): FetchResult {
  const { response } = result;
  if (!response.ok) return result.error === "" ? { error: undefined, response } : result;
  if (bodyExpected === undefined || method === "HEAD" || !bodyExpected(response.status)) return result;
  const readAs = parseAs ?? "json";
  if (readAs === "text") return successBody === "text" ? { data: "", response } : result;
  if (readAs !== "json") return result;
  throw new ResponseParseError({
    method,
    path,
    cause: undefined,
    contentType: response.headers.get("content-type") ?? undefined,
    emptyBodyStatus: response.status,
  });
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

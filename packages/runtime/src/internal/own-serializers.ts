import { InvalidRequestBodyError } from "../errors.js";
import { ConfigurationError } from "../keyway-errors.js";
import { isBinary } from "./json-body.js";
import { kindOf } from "./shown.js";

export type BodySerializer = (body: unknown, headers?: Headers) => unknown;
export type QuerySerializer = (query: Record<string, unknown>) => unknown;

/**
 * A call's own `bodySerializer`, whose result is refused unless fetch can send it as it is (text, a Blob, bytes, a
 * stream, a `FormData` or `URLSearchParams`): anything else fetch would turn into text, a plain object into
 * `"[object Object]"`, and `undefined` would send no body.
 */
export function checkedBodySerializer(serialize: BodySerializer): BodySerializer {
  return (body, headers) => {
    const sent = serialize(body, headers);
    if (typeof sent === "string" || isBinary(sent) || sent instanceof FormData || sent instanceof URLSearchParams)
      return sent;
    throw new InvalidRequestBodyError({
      at: "body",
      reason: `is what the call's bodySerializer returned: ${sent === undefined ? "nothing" : kindOf(sent)}, which fetch cannot send as it is (return text, a Blob or bytes)`,
    });
  };
}

/** A call's own `querySerializer`, whose result must be text (openapi-fetch would fail with an untyped TypeError). */
export function checkedQuerySerializer(serialize: QuerySerializer): QuerySerializer {
  return (query) => {
    const search = serialize(query);
    if (typeof search === "string") return search;
    throw new ConfigurationError(`The call's querySerializer must return a string, got ${kindOf(search)}`);
  };
}

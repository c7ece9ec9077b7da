import { defaultBodySerializer } from "openapi-fetch";
import { InvalidRequestBodyError } from "../errors.js";

/**
 * openapi-fetch's own body serializer (JSON; a `FormData` as it is; a form when the call's `Content-Type` says so),
 * given to every keyway client: a body it cannot write fails as an {@link InvalidRequestBodyError} naming where the
 * value is, rather than as `JSON.stringify`'s `TypeError`, and so does a binary body, which it would send as `{}`,
 * unless the caller's `Content-Type` names a media type that is not JSON.
 */
export function serializeBody(body: unknown, headers?: Headers): BodyInit {
  // openapi-fetch would send these as `{}` (a typed array as `{"0":…}`): sent as they are only when the caller says
  // which media type they are.
  if (isBinary(body)) {
    if (!/^$|json/i.test(headers?.get("content-type") ?? "")) return body as BodyInit;
    throw new InvalidRequestBodyError({
      at: "body",
      reason: "is binary (a Blob, bytes or a stream), and this operation takes JSON",
    });
  }
  try {
    return (defaultBodySerializer as (body: unknown, headers?: Headers) => BodyInit)(body, headers);
  } catch (cause) {
    const [at, reason] = unsendableIn(body, "body", "", []) ?? ["body", "cannot be written"];
    throw new InvalidRequestBodyError({ at, reason, cause });
  }
}

/** Whether `body` is bytes (a `Blob`, an `ArrayBuffer`, a typed array or `DataView`, a `ReadableStream`). */
export function isBinary(body: unknown): body is Blob | ArrayBuffer | ArrayBufferView | ReadableStream {
  return (
    body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || body instanceof ReadableStream
  );
}

/**
 * Where a body's property or item is, as JavaScript names it: `body.items`, `body[0]`, `body["cover image"][1]`, from
 * `at` and the keys that lead there (an `undefined` key skipped).
 */
export function pathOf(at: string, ...keys: (string | number | undefined)[]): string {
  for (const key of keys) {
    if (typeof key === "number") at = `${at}[${key}]`;
    else if (key !== undefined) at = /^[A-Za-z_$][\w$]*$/.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`;
  }
  return at;
}

/**
 * Where `value` holds what `JSON.stringify` refuses, walked as it walks (`toJSON` first), and why; `holders` are the
 * objects between the body and `value`.
 */
function unsendableIn(value: unknown, at: string, key: string, holders: object[]): [string, string] | undefined {
  const toJSON = (value as { toJSON?: unknown } | null | undefined)?.toJSON;
  try {
    if (typeof toJSON === "function") value = toJSON.call(value, key);
  } catch {
    return [at, "has a toJSON method that throws"];
  }
  if (typeof value === "bigint") return [at, "is a BigInt (send it as a string or a number)"];
  if (typeof value !== "object" || value === null) return undefined;
  if (holders.includes(value)) return [at, "contains itself"];
  if (holders.length > 999) return [at, "nests too deep"];
  holders.push(value);
  for (const [name, item] of Object.entries(value)) {
    const found = unsendableIn(item, pathOf(at, Array.isArray(value) ? Number(name) : name), name, holders);
    if (found) return found;
  }
  holders.pop();
  return undefined;
}

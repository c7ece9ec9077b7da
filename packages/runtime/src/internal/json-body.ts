import { defaultBodySerializer } from "openapi-fetch";
import { InvalidRequestBodyError } from "../errors.js";
import type { RefuseParameter } from "./expansion.js";
import { opaqueType } from "./opaque-object.js";

/**
 * openapi-fetch's own body serializer (JSON; a `FormData` as it is; a form when the call's `Content-Type` says so),
 * given to every keyway client: a body it cannot write fails as an {@link InvalidRequestBodyError} naming where the
 * value is, rather than as `JSON.stringify`'s `TypeError`, and so does a binary body, which it would send as `{}`,
 * unless the caller's `Content-Type` names a media type that is not JSON. So does a value JSON would silently write as
 * something else: `NaN`, `Infinity` or an invalid `Date` (as `null`), a `Map`, `Set`, `Blob`, typed array or the like (as `{}` or
 * `{"0":…}`), a function or symbol in a list (as `null`) or as the body (nothing sent).
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
  if (body instanceof FormData || isForm(headers))
    return (defaultBodySerializer as (body: unknown, headers?: Headers) => BodyInit)(body, headers);
  return jsonText(body, "body", refuseBody);
}

const refuseBody: RefuseJson = (at, reason, cause) => {
  throw new InvalidRequestBodyError({ at, reason, cause });
};

/** Whether openapi-fetch writes the body as a form, as it does when the call's `Content-Type` says so. */
function isForm(headers: Headers | undefined): boolean {
  return headers?.get("content-type") === "application/x-www-form-urlencoded";
}

/**
 * A parameter's value as JSON text (`content: application/json`, in a query or a header), refused through the
 * parameter's `refuse` naming where inside it JSON cannot write it (`filter.since is a BigInt`).
 *
 * @example
 * ```ts
 * jsonParameterText("filter", { status: "paid" }, refuse); // '{"status":"paid"}'
 * ```
 */
export function jsonParameterText(name: string, value: unknown, refuse: RefuseParameter): string {
  return jsonText(value, name, (at, reason) => refuse(name, `cannot be sent as JSON: ${at} ${reason}`));
}

/** Fails naming where a value is (`body.items[2]`, `filter.since`), why JSON cannot write it, and JSON's own error. */
export type RefuseJson = (at: string, reason: string, cause?: unknown) => never;

/**
 * `value`'s JSON text, as `JSON.stringify` writes it, unless it holds what JSON refuses or would write as something
 * else: then `refuse` is told where (`at` and the keys that lead there) and why.
 */
export function jsonText(value: unknown, at: string, refuse: RefuseJson): string {
  let text: string | undefined;
  let threw = false;
  let cause: unknown;
  try {
    text = JSON.stringify(value);
    // Whatever JSON writes in place of a value it has no form for leaves one of these marks, so text without them
    // (most bodies) is not walked a second time: `null` (NaN, a function in a list), `{}` (a Map), `{"0":` (bytes).
    if (text !== undefined && !text.includes("null") && !text.includes("{}") && !text.includes('{"0":')) return text;
  } catch (error) {
    threw = true;
    cause = error;
  }
  const found = unsendableIn(value, undefined, []);
  if (found) {
    const [reason, ...keys] = found;
    return refuse(pathOf(at, ...keys.reverse()), reason, cause);
  }
  return threw || text === undefined ? refuse(at, "cannot be written", cause) : text;
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

/** Why a value cannot be sent as JSON, then the keys that lead to it from the innermost. */
type Unsendable = [reason: string, ...keys: (string | number)[]];

/**
 * Why `value` holds what `JSON.stringify` refuses or would write as something else, walked as it walks, and where (the
 * path is spelled only for a value found); `key` is `value`'s in its holder (`undefined` for the body), `holders` the
 * objects between the body and `value`. A `Date`'s `toJSON` is not called: it writes text, and `null` for an invalid
 * date, which is refused as `NaN` is.
 */
function unsendableIn(value: unknown, key: string | number | undefined, holders: object[]): Unsendable | undefined {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? ["is an invalid Date, which JSON would send as null"] : undefined;
  const toJSON = (typeof value === "object" || typeof value === "bigint" ? (value as { toJSON?: unknown }) : null)
    ?.toJSON;
  if (typeof toJSON === "function") {
    try {
      value = toJSON.call(value, key === undefined ? "" : String(key));
    } catch {
      return ["has a toJSON method that throws"];
    }
  }
  return unsendableAsWritten(value, key, holders);
}

/**
 * {@link unsendableIn} for a value as JSON writes it, its `toJSON` already called. A function or symbol is refused as
 * an item of a list or as the body only: as a property it is left out, as `undefined` is (a class instance's bound
 * methods; a TypeScript body type does not let one pass where it expects data).
 */
function unsendableAsWritten(
  value: unknown,
  key: string | number | undefined,
  holders: object[],
): Unsendable | undefined {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? undefined : [`is ${value}, which JSON would send as null`];
    case "bigint":
      return ["is a BigInt (send it as a string or a number)"];
    case "function":
    case "symbol":
      if (typeof key === "string") return undefined;
      return [`is a ${typeof value}, which JSON ${key === undefined ? "has no text for" : "would send as null"}`];
    case "object":
      if (value === null) return undefined;
      break;
    default:
      return undefined;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Array.prototype && prototype !== null) {
    // JSON writes a boxed primitive (`new Number(3)`) as the primitive.
    if (value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof BigInt)
      return unsendableAsWritten(value.valueOf(), key, holders);
    const opaque = opaqueType(value);
    if (opaque) return [`is ${opaque}, which JSON would send as {}${ArrayBuffer.isView(value) ? ' or {"0":…}' : ""}`];
  }
  if (holders.includes(value)) return ["contains itself"];
  if (holders.length > 999) return ["nests too deep"];
  holders.push(value);
  // A list's items by index, holes included, as JSON writes them.
  const names = Array.isArray(value) ? undefined : Object.keys(value);
  const count = names ? names.length : (value as unknown[]).length;
  for (let index = 0; index < count; index++) {
    const name = names ? names[index]! : index;
    const found = unsendableIn((value as Record<string | number, unknown>)[name], name, holders);
    if (found) {
      found.push(name);
      return found;
    }
  }
  holders.pop();
  return undefined;
}

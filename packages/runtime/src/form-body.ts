import type { FormBodyMeta } from "./meta.js";
import { headerObject } from "./internal/call-headers.js";
import { forEachFormField } from "./internal/nested-fields.js";
import { isBinary, jsonText, pathOf, type RefuseJson, serializeBody } from "./internal/json-body.js";
import { InvalidRequestBodyError } from "./errors.js";
import { opaqueType } from "./internal/opaque-object.js";
import { kindOf } from "./internal/shown.js";
import { encodedReserved, type RefuseParameter } from "./internal/expansion.js";

/** The media type of a form body, which an operation that takes only forms is sent with. */
const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

/** openapi-fetch's `bodySerializer`: the body, and the request's headers as merged so far. */
type BodySerializer = (body: unknown, headers: Headers) => BodyInit;

/** The options of one call that openapi-fetch reads to send a body. */
export interface BodyCallInit {
  readonly headers?: unknown;
  readonly body?: unknown;
  readonly bodySerializer?: unknown;
}

/** Turns the init of a call to one form operation into one that sends its body as a form. */
export type FormCall = <Init extends BodyCallInit>(init: Init) => Init;

/**
 * What `createApiClient({ formBodies })` does to each call of an operation whose spec takes only
 * `application/x-www-form-urlencoded` bodies (`formBody` in the metadata): it sends `Content-Type` as a form's, unless
 * the caller's headers set one, and serializes the body as a form while that header says so (a caller who sets JSON
 * gets JSON, as openapi-fetch sends it; a caller's own `bodySerializer` is left alone). A form names nested values with
 * brackets (`metadata[plan]=pro`, `items[0][price]=p_1`), as Stripe's and most form APIs' parsers read them; a
 * top-level list of plain values is repeated (`Tags=a&Tags=b`, OpenAPI's default `form` style), or indexed
 * (`expand[0]=a`) for a property whose `encoding` in the spec is `deepObject`; a property whose `encoding` gives a JSON
 * `contentType` is one field of JSON text (`json={"data":{"ndarray":[1]}}`, percent-encoded); a property whose
 * `encoding` has `allowReserved: true` keeps RFC 3986's reserved characters (`redirect_uri=https://app.test/cb?x`),
 * still encoding `&`, `=`, `+`, `#`, brackets and a space; fields are written in the body's order. A body given as a
 * string is the form's encoded text (a spec may type the body so), sent as it is; a number, a boolean or `null` is an
 * `InvalidRequestBodyError`, as nothing a form holds.
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { createApiClient, formBodies } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * const { client } = createApiClient<paths>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.example.com",
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
 *   formBodies,
 * });
 * ```
 */
export function formBodies(meta: FormBodyMeta): FormCall {
  const indexed = new Set(meta.deepObject);
  const asJson = new Set(meta.json);
  const reserved = new Set(meta.allowReserved);
  const serialize: BodySerializer = (body, headers) => {
    if (body instanceof FormData || body instanceof URLSearchParams) return body;
    const contentType = headers.get("content-type") ?? "";
    if (!contentType.toLowerCase().startsWith(FORM_CONTENT_TYPE)) return serializeBody(body);
    // A form the caller encoded: its text (which a spec may type the body as) or its bytes.
    if (typeof body === "string" || isBinary(body)) return body as BodyInit;
    if (isScalar(body))
      throw new InvalidRequestBodyError({
        at: "body",
        reason: `is ${kindOf(body)}, not an object of the form's fields or its encoded text`,
        mediaType: FORM_CONTENT_TYPE,
      });
    const written: string[] = [];
    let plain = new URLSearchParams();
    for (const [name, value] of Object.entries(body as object)) {
      const keepsReserved = reserved.has(name);
      const form = keepsReserved ? new URLSearchParams() : plain;
      if (asJson.has(name)) {
        if (value !== undefined) form.append(name, jsonText(value, pathOf("body", name), refuseJson));
      } else {
        refuseBinary(name, value);
        if (Array.isArray(value) && !indexed.has(name) && value.every(isScalar))
          for (const item of value) appendField(form, name, item);
        else appendField(form, name, value);
      }
      if (!keepsReserved) continue;
      written.push(plain.toString(), withReservedKept(form));
      plain = new URLSearchParams();
    }
    written.push(plain.toString());
    return written.filter(Boolean).join("&");
  };
  return (init) => {
    if (init.body === undefined || init.bodySerializer !== undefined) return init;
    return {
      ...init,
      bodySerializer: serialize,
      headers: { "Content-Type": FORM_CONTENT_TYPE, ...headerObject(init.headers) },
    };
  };
}

/**
 * The fields of properties whose `encoding` has `allowReserved: true`, their values' reserved characters kept as
 * `encodedReserved` keeps a query's (`url=https://x.test/a?b`), what splits a form's pairs (`&`, `=`, `+`) encoded.
 */
function withReservedKept(form: URLSearchParams): string {
  const pairs: string[] = [];
  for (const [key, value] of form) pairs.push(`${formName(key)}${encodedReserved(key, value, refuseText)}`);
  return pairs.join("&");
}

/** `key=` as the form's other fields write it (a space as `+`, `(` as `%28`), so a server reads one encoding. */
function formName(key: string): string {
  return new URLSearchParams([[key, ""]]).toString();
}

/** Fails on a field's text that has no URL encoding (URLSearchParams makes a lone surrogate U+FFFD first). */
const refuseText: RefuseParameter = (key, reason) => {
  throw new InvalidRequestBodyError({ at: pathOf("body", key), reason, mediaType: FORM_CONTENT_TYPE });
};

/** Fails on a field sent as JSON text that holds what JSON cannot write (a Map, NaN, bytes), naming where it is. */
const refuseJson: RefuseJson = (at, reason, cause) => {
  throw new InvalidRequestBodyError({ at, reason, cause, mediaType: FORM_CONTENT_TYPE });
};

/**
 * Fails on a field that holds a Blob, bytes or a stream, or a list of them, which a form of text would drop (a Blob)
 * or spell out index by index (bytes).
 */
function refuseBinary(name: string, value: unknown): void {
  const list = Array.isArray(value);
  const items: unknown[] = list ? value : [value];
  const index = items.findIndex(isBinary);
  if (index !== -1) refuseField(pathOf("body", name, list ? index : undefined), items[index] as object);
}

/** Fails on a value at `at` that a form of text cannot hold: a Blob, bytes or a stream, a `Map`, a `Set`. */
function refuseField(at: string, value: object): never {
  const what = isBinary(value) ? "binary (a Blob, bytes or a stream)" : opaqueType(value);
  throw new InvalidRequestBodyError({
    at,
    reason: `is ${what}, which a form field cannot hold`,
    mediaType: FORM_CONTENT_TYPE,
  });
}

function isScalar(value: unknown): boolean {
  return typeof value !== "object" || value === null;
}

/**
 * Appends `value` under `name`: nothing for `undefined`, an empty value for `null` (how form APIs clear a field),
 * containers by their keys or indexes in brackets, anything with `toJSON` (a `Date`) as that. What a form cannot hold
 * (a `Map`, a function, `NaN`, a value that contains itself) fails, naming the field.
 */
function appendField(form: URLSearchParams, name: string, value: unknown): void {
  forEachFormField(
    name,
    value,
    (key, leaf) => {
      // forEachFormField hands over an object only when it is one whose data is not in properties.
      if (typeof leaf === "object" && leaf !== null) refuseField(pathOf("body", key), leaf);
      form.append(key, leaf ?? "");
    },
    (key, reason) => {
      throw new InvalidRequestBodyError({ at: pathOf("body", key), reason, mediaType: FORM_CONTENT_TYPE });
    },
  );
}

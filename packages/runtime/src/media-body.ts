import { InvalidRequestBodyError } from "./errors.js";
import { isBinary, serializeBody } from "./internal/json-body.js";
import type { FormCall } from "./form-body.js";

/** openapi-fetch's `bodySerializer`: the body, and the request's headers as merged so far. */
type BodySerializer = (body: unknown, headers: Headers) => BodyInit;

/**
 * What `createApiClient({ mediaBodies })` does to each call of an operation whose spec takes a body in no JSON media
 * type and not only as a form (`bodyMedia` in the metadata: an upload as `application/octet-stream` or `image/*`, a
 * `text/csv` or `text/plain` body, a `multipart/form-data` form). The body is sent as it is when fetch can send it (a
 * `Blob` or `File`, an `ArrayBuffer`, a typed array or `DataView`, a `ReadableStream`, a string, `URLSearchParams`,
 * `FormData`), with the operation's media type as `Content-Type` unless the caller's headers set one (for a range such
 * as `image/*`, a Blob's own type, else none). A plain object to a `multipart/form-data` operation becomes a `FormData`:
 * Blobs and Files as files, a list as repeated fields, a nested object as JSON text, `null` and `undefined` left out,
 * anything else as its text; fetch then writes the `Content-Type` with its boundary. Any other body (an object to an
 * `application/octet-stream` operation) fails before anything is sent, with an `InvalidRequestBodyError` naming the
 * media type. A caller who sets a JSON `Content-Type` gets JSON; a caller's own `bodySerializer` is left alone.
 *
 * @example
 * ```ts
 * import { createHeaderAuth } from "@keyway/header-auth";
 * import { createApiClient, mediaBodies } from "@keyway/runtime";
 * import type { paths } from "./generated/orders.js";
 * import { apiMeta } from "./generated/orders.meta.js";
 *
 * const { client } = createApiClient<paths>({
 *   meta: apiMeta,
 *   baseUrl: "https://api.example.com",
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env.ORDERS_API_KEY } }),
 *   mediaBodies,
 * });
 * ```
 */
export function mediaBodies(mediaType: string): FormCall {
  const multipart = /^multipart\/form-data/i.test(mediaType);
  const range = mediaType.endsWith("/*");
  const serialize: BodySerializer = (body, headers) => {
    if (isBodyInit(body)) return body;
    if (/json/i.test(headers.get("content-type") ?? "")) return serializeBody(body);
    if (multipart && typeof body === "object" && body !== null && !Array.isArray(body)) return toFormData(body);
    throw new InvalidRequestBodyError({
      at: "body",
      reason: `is ${kindOf(body)}, not a Blob, bytes, a stream or text`,
      mediaType,
    });
  };
  return (init) => {
    const { body } = init;
    if (body === undefined || init.bodySerializer !== undefined) return init;
    const headers = init.headers instanceof Headers ? Object.fromEntries(init.headers) : init.headers;
    // fetch writes a FormData's Content-Type itself, with the boundary its parts are split by.
    const asFormData = multipart && (body instanceof FormData || !isBodyInit(body));
    const type = range ? (body instanceof Blob && body.type) || null : mediaType;
    return {
      ...init,
      bodySerializer: serialize,
      headers: asFormData
        ? { ...(headers as object), "Content-Type": null }
        : { "Content-Type": type, ...(headers as Record<string, string | null> | undefined) },
    };
  };
}

/** What kind of value a body that cannot be sent is, never quoting it. */
function kindOf(body: unknown): string {
  if (Array.isArray(body)) return "an array";
  if (body === null) return "null";
  return typeof body === "object" ? "an object" : `a ${typeof body}`;
}

/** Whether fetch sends `body` as it is. */
function isBodyInit(body: unknown): body is BodyInit {
  return typeof body === "string" || isBinary(body) || body instanceof FormData || body instanceof URLSearchParams;
}

/** A `multipart/form-data` body's fields from a plain object, as {@link mediaBodies} describes. */
function toFormData(body: object): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body))
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || item === undefined) continue;
      if (item instanceof Blob) form.append(name, item);
      else
        form.append(
          name,
          item instanceof Date ? item.toISOString() : typeof item === "object" ? JSON.stringify(item) : String(item),
        );
    }
  return form;
}

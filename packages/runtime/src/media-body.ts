import { InvalidRequestBodyError } from "./errors.js";
import { callerContentType, headerObject } from "./internal/call-headers.js";
import { isBinary, jsonText, pathOf, type RefuseJson, serializeBody } from "./internal/json-body.js";
import { type FormPart, multipartBody } from "./internal/multipart.js";
import type { FormCall } from "./form-body.js";
import type { FormBodyMeta } from "./meta.js";
import { describeValue, plainText } from "./internal/expansion.js";
import { forEachFormField } from "./internal/nested-fields.js";
import { kindOf } from "./internal/shown.js";

/** openapi-fetch's `bodySerializer`: the body, and the request's headers as merged so far. */
type BodySerializer = (body: unknown, headers: Headers) => BodyInit;

/**
 * What `createApiClient({ mediaBodies })` does to each call of an operation whose spec takes a body in a media type
 * that is not JSON and not only as a form (`bodyMedia` in the metadata: the media types the spec declares,
 * comma-separated in its order, such as `"application/octet-stream"`, `"image/png, image/jpeg"`, `"text/csv"`,
 * `"image/*"`, `"multipart/form-data"` or `"application/json, multipart/form-data"`). The body is sent as it is when
 * fetch can send it (a `Blob` or `File`, an `ArrayBuffer`, a typed array or `DataView`, a `ReadableStream`, a string,
 * `URLSearchParams`), and an async iterable of bytes or text (a Node `Readable`, an async generator) as a
 * `ReadableStream` of its bytes, on every runtime; an empty Blob as no bytes, which Deno too sends with
 * `Content-Length: 0`. Its `Content-Type`, unless the caller's headers set one: a Blob's
 * own type when the operation declares it (or a range holding it, such as `image/*`), else the first type the operation
 * declares that is neither JSON, a range nor a form, else a Blob's own type or none. A `FormData` goes with the
 * `Content-Type` fetch writes for it, with the boundary its parts are split by, a Blob appended to it without a filename
 * named `blob` (Bun's would send an empty one; workerd's FormData names it after its field as it is appended, which
 * nothing can tell from a name the caller gave). A plain object to an operation that declares `multipart/form-data` goes
 * as a multipart form written here, as the HTML standard writes a FormData (names and filenames escaped, so that none
 * adds a header), as a `Blob` of its parts, which fetch sends with its `Content-Type` and length and whose files it
 * reads as it sends them, on every runtime: Blobs and Files as files (a Blob that is no File named `blob`), bytes as an
 * `application/octet-stream` file named `blob`, a list as repeated fields, a nested object as JSON text, `null` and
 * `undefined` left out, a `Date` as its ISO text, anything else as its text. `encoding`, the operation's
 * `bodyEncoding` in the metadata, says where the spec's `encoding` or schema asks otherwise: a `deepObject` property
 * as one part per value inside (`file_link_data[create]`, `expand[0]`), a `json` property as JSON text typed
 * `Content-Type: application/json` (one part per item of a list, text as the JSON it holds, refused when it holds none;
 * a FormData could type it only by making it a file),
 * and a file part without a type of its own in the type the spec gives it (`contentType`). A stream, a function, `NaN`, a `Map` or a value that contains itself
 * fails, naming the field. Where the
 * operation also takes JSON, a plain object goes as JSON, unless it holds a file (a Blob or bytes, as a field or in a
 * list) and the operation takes a multipart form. Any other body (an object to an `application/octet-stream` operation,
 * text to one that takes only `multipart/form-data`) fails before anything is sent, with an `InvalidRequestBodyError`
 * naming the media types. A caller who sets a JSON `Content-Type` gets JSON; a caller's own `bodySerializer` is left
 * alone.
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
 *   auth: createHeaderAuth({ meta: apiMeta, credentials: { ApiKey: process.env["ORDERS_API_KEY"] } }),
 *   mediaBodies,
 * });
 * ```
 */
export function mediaBodies(mediaTypes: string, encoding: FormBodyMeta = {}): FormCall {
  const declared = mediaTypes.split(",").map((type) => type.trim());
  const described = declared.join(" or ");
  const parts: PartEncoding = {
    deepObject: new Set(encoding.deepObject),
    json: new Set(encoding.json),
    contentType: encoding.contentType ?? {},
    mediaType: described,
  };
  const multipart = declared.some(isMultipart);
  const json = declared.find(isJson);
  // What a body that fetch sends as it is goes as, when no declared type holds its own: the first type the operation
  // names that is neither JSON nor a form, or for an operation that takes only a multipart form, the form's (which the
  // serializer refuses for anything but a FormData).
  const fallback =
    declared.find((type) => !isRange(type) && !isMultipart(type) && !isJson(type) && type !== URL_ENCODED_FORM) ??
    (declared.some(isRange) || json ? undefined : "multipart/form-data");
  const serialize: BodySerializer = (body, headers) => {
    const contentType = headers.get("content-type") ?? "";
    if (isBodyInit(body) || isAsyncIterable(body)) {
      // A multipart body of the caller's own making names its boundary; a FormData's is written by fetch.
      if (isMultipart(contentType) && !(body instanceof FormData) && !/boundary=/i.test(contentType))
        throw new InvalidRequestBodyError({
          at: "body",
          reason: `is ${kindOfBody(body)}, not a FormData or an object of the form's fields`,
          mediaType: described,
        });
      if (body instanceof FormData) return withFileNames(body);
      // Deno's fetch sends an empty Blob chunked, with no length, which a server that requires one refuses (411; S3
      // answers a chunked PUT 501): as no bytes, every runtime sends it with `Content-Length: 0`, in the type set here.
      if (body instanceof Blob && body.size === 0 && headers.has("content-type")) return new Uint8Array(0);
      return isBodyInit(body) ? body : streamOf(body, described);
    }
    if (/json/i.test(contentType)) return serializeBody(body);
    if (multipart && typeof body === "object" && body !== null && !Array.isArray(body))
      return multipartBody(formParts(body, parts));
    throw new InvalidRequestBodyError({
      at: "body",
      reason: `is ${kindOf(body)}, not a Blob, bytes, a stream or text`,
      mediaType: described,
    });
  };
  /** The `Content-Type` a body fetch sends as it is goes with, when the caller sets none. */
  const contentTypeOf = (body: unknown): string | null => {
    const own = body instanceof Blob ? body.type : "";
    if (own && declared.some((type) => holds(type, own))) return own;
    return fallback ?? (own || null);
  };
  return (init) => {
    const { body } = init;
    if (body === undefined || init.bodySerializer !== undefined) return init;
    const headers = headerObject(init.headers);
    const sentAsIs = isBodyInit(body) || isAsyncIterable(body);
    // fetch writes a FormData's Content-Type itself, with the boundary its parts are split by, and a multipart Blob's
    // from its type. A plain object goes as a form where the operation takes one, unless it also takes JSON, the
    // object holds no file and the caller did not name the form (whose boundary only the form written here knows).
    const asForm =
      body instanceof FormData ||
      (!sentAsIs && multipart && (isMultipart(callerContentType(headers)) || !(json && !holdsFile(body))));
    return {
      ...init,
      bodySerializer: serialize,
      headers: asForm
        ? { ...headers, "Content-Type": null }
        : { "Content-Type": sentAsIs ? contentTypeOf(body) : (json ?? fallback ?? null), ...headers },
    };
  };
}

/** Whether a media type names a multipart form. */
function isMultipart(mediaType: string): boolean {
  return /^multipart\/form-data/i.test(mediaType);
}

const URL_ENCODED_FORM = "application/x-www-form-urlencoded";

/** Whether a media type is JSON's (`application/json`, `application/merge-patch+json`). */
function isJson(mediaType: string): boolean {
  return /^application\/([\w.!#$&^-]+\+)?json$/i.test(mediaType);
}

/** Whether a body's fields (or items) hold a file: a Blob or bytes, which JSON cannot carry and a form can. */
function holdsFile(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  return Object.values(body).some((value) => isBinary(value) || (Array.isArray(value) && value.some(isBinary)));
}

/** Whether a media type is a range, such as `image/*`. */
function isRange(mediaType: string): boolean {
  return mediaType.endsWith("/*");
}

/** Whether `declared`, a media type or a range, holds `type` (which may carry parameters). */
function holds(declared: string, type: string): boolean {
  const essence = (type.split(";")[0] ?? "").trim().toLowerCase();
  const lowered = declared.toLowerCase();
  return isRange(lowered) ? essence.startsWith(lowered.slice(0, -1)) : essence === lowered;
}

/** What kind of body fetch could send `body` is, for a message. */
function kindOfBody(body: unknown): string {
  if (typeof body === "string") return "text";
  if (body instanceof URLSearchParams) return "URLSearchParams";
  return isBinary(body) || isAsyncIterable(body) ? "binary (a Blob, bytes or a stream)" : kindOf(body);
}

/** Whether fetch sends `body` as it is. */
function isBodyInit(body: unknown): body is BodyInit {
  return typeof body === "string" || isBinary(body) || body instanceof FormData || body instanceof URLSearchParams;
}

/** Whether `body` is an async iterable: a Node `Readable`, an async generator. */
function isAsyncIterable(body: unknown): body is AsyncIterable<unknown> {
  return typeof (body as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === "function";
}

/**
 * An async iterable's chunks as a `ReadableStream` of bytes, text as UTF-8: Node's, Bun's and Deno's fetch send the
 * iterable itself only with `duplex: "half"`, workerd's and browsers' not at all, and a stream the transport can read
 * once and replay on every runtime.
 */
function streamOf(iterable: AsyncIterable<unknown>, mediaType: string): ReadableStream<Uint8Array> {
  const iterator = iterable[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else if (typeof value === "string") controller.enqueue(encoder.encode(value));
      else if (ArrayBuffer.isView(value))
        controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      else {
        const reason = `is a stream that yielded ${kindOf(value)}, not bytes or text`;
        controller.error(new InvalidRequestBodyError({ at: "body", reason, mediaType }));
        await iterator.return?.();
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

const OCTET_STREAM = "application/octet-stream";

/** How one operation's multipart form is written, from its `encoding` in the spec ({@link FormBodyMeta}). */
interface PartEncoding {
  /** Properties sent as one part per value inside (`file_link_data[create]`), not one part of JSON text. */
  readonly deepObject: ReadonlySet<string>;
  /** Properties sent as parts of JSON text typed `application/json`, one per item of a list. */
  readonly json: ReadonlySet<string>;
  /** By property, the type of a file part whose value has none. */
  readonly contentType: { readonly [name: string]: string };
  /** The operation's media types, for errors. */
  readonly mediaType: string;
}

const JSON_PART = "application/json";

/** A `multipart/form-data` body's parts from a plain object, as {@link mediaBodies} describes. */
function formParts(body: object, encoding: PartEncoding): FormPart[] {
  const parts: FormPart[] = [];
  for (const [name, value] of Object.entries(body)) {
    // OpenAPI's default for a file, which some runtimes' fetch write for a Blob without a type and others leave out.
    const type = (Object.hasOwn(encoding.contentType, name) && encoding.contentType[name]) || OCTET_STREAM;
    if (encoding.deepObject.has(name)) {
      const refuse = (key: string, reason: string): never => refusePart(pathOf("body", key), reason, encoding);
      forEachFormField(
        name,
        value,
        (key, leaf) => {
          if (leaf !== null)
            parts.push(
              partOf(
                key,
                fieldValue(leaf, () => pathOf("body", key), encoding),
                type,
              ),
            );
        },
        refuse,
      );
      continue;
    }
    const json = encoding.json.has(name);
    const items: unknown[] = Array.isArray(value) ? value : [value];
    items.forEach((item, index) => {
      if (item === null || item === undefined) return;
      const at = () => pathOf("body", name, Array.isArray(value) ? index : undefined);
      // Text is the part's JSON as written: a spec may type such a part a string (pdfbroker.io's `options`).
      if (json && typeof item === "string") parts.push({ name, text: givenJson(item, at, encoding), type: JSON_PART });
      else if (json && !isBinary(item))
        parts.push({ name, text: jsonText(item, at(), refuseJson(encoding)), type: JSON_PART });
      else parts.push(partOf(name, fieldValue(item, at, encoding), type));
    });
  }
  return parts;
}

/**
 * Text given for a part sent as JSON, which is the JSON it holds; text that is not JSON (`dpi=300`, a bare word) fails,
 * naming the part without quoting it, rather than go typed `application/json` to a server that cannot parse it.
 */
function givenJson(text: string, at: () => string, encoding: PartEncoding): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    return refusePart(
      at(),
      "is text that is not JSON, for a part sent as application/json (give the value itself)",
      encoding,
    );
  }
}

/** One field's part: text, or a Blob as a file under its own name or `blob`, typed `type` where it has no type. */
function partOf(name: string, value: string | Blob, type: string): FormPart {
  if (typeof value === "string") return { name, text: value };
  const file = value.type ? value : value.slice(0, value.size, type);
  return { name, file, filename: fileNameOf(value) };
}

function refusePart(at: string, reason: string, { mediaType }: PartEncoding): never {
  throw new InvalidRequestBodyError({ at, reason, mediaType });
}

/** Fails on a part of JSON text that holds what JSON cannot write (a Map, NaN, bytes), naming where it is. */
function refuseJson({ mediaType }: PartEncoding): RefuseJson {
  return (at, reason, cause) => {
    throw new InvalidRequestBodyError({ at, reason, cause, mediaType });
  };
}

/**
 * The caller's FormData, or where it holds a Blob appended without a filename, a copy of it that names that Blob
 * `blob`, as the FormData standard does (and Node, Deno and browsers): Bun keeps such a Blob unnamed and sends it with
 * `filename=""`, which many servers take for no file at all.
 */
function withFileNames(form: FormData): FormData {
  for (const [, value] of form) {
    if (typeof value === "string" || typeof value.name === "string") continue;
    const named = new FormData();
    for (const [name, field] of form) appendField(named, name, field);
    return named;
  }
  return form;
}

/**
 * Appends one field, a Blob under its own filename or, where it has none, `blob`, as the spec names it: Bun would send
 * an empty filename, which many servers take for no file at all, and workerd the field's name.
 */
function appendField(form: FormData, name: string, value: string | Blob): void {
  if (typeof value === "string") form.append(name, value);
  else form.append(name, value, fileNameOf(value));
}

/** A File's name, or for a Blob that is no File, `blob`, as a FormData names it. */
function fileNameOf(blob: Blob): string {
  return typeof (blob as Partial<File>).name === "string" ? (blob as File).name : "blob";
}

/**
 * One multipart field's value: a Blob, bytes as an untyped Blob, text as `plainText` writes it (a `Date` as its ISO
 * text), any other object as JSON text (OpenAPI's default for an object's part). What no part can hold (a stream, a
 * function, `NaN`, a `Map`, a value that contains itself) fails, naming where it is (`at`).
 */
function fieldValue(item: unknown, at: () => string, encoding: PartEncoding): string | Blob {
  if (item instanceof ReadableStream || isAsyncIterable(item))
    refusePart(at(), "is a stream, which a form field cannot hold (read it into a Blob first)", encoding);
  if (isBinary(item)) return item instanceof Blob ? item : new Blob([item as BlobPart]);
  const text = plainText(item);
  if (text !== undefined) return text;
  if (typeof item === "object" && item !== null && !(item instanceof Date))
    return jsonText(item, at(), refuseJson(encoding));
  return refusePart(at(), `is ${describeValue(item)}, which a form field cannot hold`, encoding);
}

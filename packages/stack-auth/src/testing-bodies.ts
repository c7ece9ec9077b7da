// How a fake Stack Auth answers request bodies its spec does not describe fully: media types Stack Auth cannot read,
// JSON that does not parse, and the rules its validation makes that the spec does not state.
import type { SpecData } from "@keyway/runtime/testing";
import { knownError, schemaError } from "./testing-known-errors.js";

/**
 * The media types Stack Auth reads a body in, whatever the operation; a body in another is refused
 * `BODY_PARSING_ERROR`. Text, bytes and forms are read, then fail the operation's schema (`SCHEMA_ERROR`).
 */
const READABLE_MEDIA_TYPES = new Set([
  "application/json",
  "application/octet-stream",
  "text/plain",
  "application/x-www-form-urlencoded",
]);

/**
 * Stack Auth's 400 `BODY_PARSING_ERROR` for a body it cannot read (a media type it does not read, or JSON that does
 * not parse, an empty body sent as JSON included); `undefined` for one it reads. It reads no body of a GET, and
 * compares the media type as sent, letter case included.
 */
export async function unreadableBody(spec: SpecData, request: Request): Promise<Response | undefined> {
  const mediaType = request.method === "GET" ? undefined : request.headers.get("content-type")?.split(";")[0];
  if (!mediaType) return undefined;
  if (!READABLE_MEDIA_TYPES.has(mediaType))
    return knownError(spec, "BODY_PARSING_ERROR", `Unknown content type in request body: ${mediaType}`);
  if (mediaType !== "application/json") return undefined;
  try {
    JSON.parse(await request.clone().text());
    return undefined;
  } catch {
    return knownError(spec, "BODY_PARSING_ERROR", "Invalid JSON in request body");
  }
}

/** Standard base64 with its padding, as Stack Auth's `base64Schema` takes it. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Stack Auth's 400 `SCHEMA_ERROR` for a body that breaks a rule of its validation the spec does not state (a
 * `totp_secret_base64` that is not base64); `undefined` for one that keeps them.
 */
export function refusedBody(
  spec: SpecData,
  request: {
    readonly operation: string;
    readonly params: { readonly path: Record<string, unknown> };
    readonly body: unknown;
  },
): Response | undefined {
  const secret = (request.body as { totp_secret_base64?: unknown } | null | undefined)?.totp_secret_base64;
  if (typeof secret !== "string" || BASE64.test(secret)) return undefined;
  return schemaError(spec, requestLine(spec, request.operation, request.params.path), [
    "body.totp_secret_base64 is not valid base64",
  ]);
}

/** The operations that set a new password, and the body field that holds it. */
const NEW_PASSWORD_FIELDS: Readonly<Record<string, string>> = {
  "POST /auth/password/sign-up": "password",
  "POST /auth/password/reset": "password",
  "POST /auth/password/update": "new_password",
  "POST /auth/password/set": "password",
};
/** The fewest characters Stack Auth's handler takes in a new password (its schema sets only the maximum, 70). */
const MIN_PASSWORD_LENGTH = 8;

/**
 * Stack Auth's 400 `PASSWORD_TOO_SHORT` for a new password under {@link MIN_PASSWORD_LENGTH} characters (`""`
 * included), which its handler refuses though the schema does not; `undefined` for any other request.
 */
export function refusedPassword(spec: SpecData, request: { readonly operation: string; readonly body: unknown }) {
  const field = Object.hasOwn(NEW_PASSWORD_FIELDS, request.operation) ? NEW_PASSWORD_FIELDS[request.operation] : "";
  const password = field ? (request.body as Record<string, unknown> | null | undefined)?.[field] : undefined;
  if (typeof password !== "string" || password.length >= MIN_PASSWORD_LENGTH) return undefined;
  return knownError(spec, "PASSWORD_TOO_SHORT", `Password too short. Minimum length is ${MIN_PASSWORD_LENGTH}.`, {
    min_length: MIN_PASSWORD_LENGTH,
  });
}

/** The operations whose `profile_image_url` client access may set only as an image of its own (api-facts §4.2). */
const CLIENT_IMAGE_OPERATIONS = new Set([
  "PATCH /users/me",
  "PATCH /users/{user_id}",
  "POST /teams",
  "PATCH /teams/{team_id}",
]);
/** An image as a `data:` URL, the only kind client access may send there (Stack Auth's `validateBase64Image`). */
const DATA_IMAGE = /^data:image\/(?:png|jpg|jpeg|gif|bmp|webp);base64,[A-Za-z0-9+/]+={0,2}$/;
/** What Stack Auth stores or uploads as a profile image: an http(s) URL, or an image's base64 `data:` URL. */
const STORABLE_IMAGE = /^(?:https?:\/\/|data:image\/[^;,]*;base64,)/i;

/**
 * How Stack Auth refuses a `profile_image_url` it cannot use: one that is not a URL, `SCHEMA_ERROR`; one it neither
 * stores nor uploads (`ftp:`, bare base64), or, from client access to itself or its teams, anything but an image's
 * `data:` URL (an `https://` URL included), a plain-text 400 "Invalid profile image URL". `undefined` for one it takes.
 */
export function refusedProfileImage(
  spec: SpecData,
  request: {
    readonly operation: string;
    readonly params: { readonly path: Record<string, unknown> };
    readonly body: unknown;
  },
  clientAccess: boolean,
): Response | undefined {
  const image = (request.body as { profile_image_url?: unknown } | null | undefined)?.profile_image_url;
  if (typeof image !== "string") return undefined;
  if (/\s/.test(image) || !URL.canParse(image))
    return schemaError(spec, requestLine(spec, request.operation, request.params.path), [
      "body.profile_image_url is not a valid URL",
    ]);
  const usable =
    clientAccess && CLIENT_IMAGE_OPERATIONS.has(request.operation)
      ? DATA_IMAGE.test(image)
      : STORABLE_IMAGE.test(image);
  if (usable) return undefined;
  return new Response("Invalid profile image URL", {
    status: 400,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

/** `PATCH /api/v1/users/me` for the operation `PATCH /users/{user_id}` called with `user_id` `me`. */
function requestLine(spec: SpecData, operation: string, path: Record<string, unknown>): string {
  const [method, template = ""] = operation.split(" ");
  const pathname = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(path[name])));
  return `${method} ${spec.basePath}${pathname}`;
}

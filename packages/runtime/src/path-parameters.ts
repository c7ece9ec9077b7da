import { InvalidPathParameterError } from "./errors.js";

const PATH_PARAMETER = /\{([^{}]+)\}/g;

/**
 * openapi-fetch's `pathSerializer` for every keyway client: each `{name}` of the template
 * becomes exactly one segment. `""`, `"."` and `".."` (which URL parsing would collapse,
 * reaching another route), a missing value, and anything but a string or a finite number
 * are refused with {@link InvalidPathParameterError} before a request exists; everything
 * else is percent-encoded, `/ ? # %`, spaces and unicode included.
 *
 * @example
 * ```ts
 * serializePath("https://api.example.com/users/{user_id}", { user_id: "a/b" }); // ".../users/a%2Fb"
 * serializePath("https://api.example.com/users/{user_id}", { user_id: ".." }); // throws InvalidPathParameterError
 * ```
 */
export function serializePath(url: string, parameters: Record<string, unknown> | undefined): string {
  return url.replace(PATH_PARAMETER, (_, name: string) => encodeSegment(name, parameters?.[name]));
}

function encodeSegment(name: string, value: unknown): string {
  if (value === undefined || value === null) throw new InvalidPathParameterError(name, "is missing");
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") return String(value);
  if (typeof value !== "string")
    throw new InvalidPathParameterError(name, `is a ${Array.isArray(value) ? "list" : typeof value}, not a string`);
  if (value === "" || value === "." || value === "..") {
    throw new InvalidPathParameterError(name, value === "" ? "is empty" : `is "${value}" (a dot segment)`);
  }
  try {
    return encodeURIComponent(value);
  } catch {
    throw new InvalidPathParameterError(name, "contains a lone UTF-16 surrogate, which has no URL encoding");
  }
}

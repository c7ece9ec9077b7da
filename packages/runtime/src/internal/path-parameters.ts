import { InvalidPathParameterError } from "../errors.js";

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
  const template = templateOf(url);
  let path = template[0]!;
  for (let index = 1; index < template.length; index += 2)
    path += encodeSegment(template[index]!, parameters?.[template[index]!]) + template[index + 1]!;
  return path;
}

// A URL template split once into its text and parameter names, alternating: ["…/users/", "user_id", "/"].
const templates = new Map<string, readonly string[]>();
const MAX_TEMPLATES = 1000;

function templateOf(url: string): readonly string[] {
  let template = templates.get(url);
  if (template) return template;
  template = url.split(PATH_PARAMETER);
  if (templates.size >= MAX_TEMPLATES) templates.clear();
  templates.set(url, template);
  return template;
}

function encodeSegment(name: string, value: unknown): string {
  if (value === undefined || value === null)
    throw new InvalidPathParameterError({ parameter: name, reason: "is missing" });
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") return String(value);
  if (typeof value !== "string")
    throw new InvalidPathParameterError({
      parameter: name,
      reason: `is a ${Array.isArray(value) ? "list" : typeof value}, not a string`,
    });
  if (value === "" || value === "." || value === "..") {
    throw new InvalidPathParameterError({
      parameter: name,
      reason: value === "" ? "is empty" : `is "${value}" (a dot segment)`,
    });
  }
  try {
    return encodeURIComponent(value);
  } catch {
    throw new InvalidPathParameterError({
      parameter: name,
      reason: "contains a lone UTF-16 surrogate, which has no URL encoding",
    });
  }
}

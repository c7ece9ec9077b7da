import { InvalidPathParameterError } from "../errors.js";

/**
 * Throws {@link InvalidPathParameterError} for a path parameter whose segment, as the URL writes it, would take a
 * request to another route: `""`, `"."` or `".."`, which URL parsing collapses (`/orgs/{org}/members/{id}` with
 * `org: ".."` reaches `/members/{id}`). `written` says the segment is the value written in a style (`.x` for a label).
 *
 * @example
 * ```ts
 * import { checkPathSegment } from "@keyway/runtime";
 *
 * checkPathSegment("org", encodeURIComponent(org)); // throws InvalidPathParameterError for "..", ".", ""
 * ```
 */
export function checkPathSegment(name: string, segment: string, written = false): void {
  if (segment === "") throw new InvalidPathParameterError({ parameter: name, reason: "is empty" });
  if (segment === "." || segment === "..")
    throw new InvalidPathParameterError({
      parameter: name,
      reason: `is ${written ? "written as " : ""}"${segment}" (a dot segment)`,
    });
}

import { KeywayError } from "@keyway/runtime";

const WRAPPER_KEYS = ["data", "results"] as const;

/** The item type of a list response that may be a bare array or a wrapper object. */
type ListItem<Response> = Response extends readonly (infer Item)[] ? Item : never;

/**
 * The items of a Stacker list response. The API does not document whether lists
 * come bare (`[...]`) or wrapped (`{ "data": [...] }`, `{ "accounts": [...] }`), so
 * the spec accepts both and this returns the array either way.
 *
 * @example
 * ```ts
 * const { data } = await stacker.GET("/api/external/accounts/");
 * const accounts = listItems(data, "accounts"); // Account[]
 * ```
 */
export function listItems<Response extends object>(
  response: Response | undefined,
  plural: string,
): ListItem<Response>[] {
  type Item = ListItem<Response>;
  if (response === undefined) return [];
  if (Array.isArray(response)) return [...response] as Item[];
  for (const key of [plural, ...WRAPPER_KEYS]) {
    const value = (response as Record<string, unknown>)[key];
    if (Array.isArray(value)) return value as Item[];
  }
  const keys = Object.keys(response).join(", ") || "none";
  throw new KeywayError(`Expected a list under "${plural}", "data" or "results", but the response has keys: ${keys}`);
}

// The name generated code and docs give the API: the spec's title, or the spec's name when the title says nothing.

/**
 * The spec's `info.title`, trimmed; the spec's name when the title is missing, not text, or blank (GoDaddy's Orders
 * spec has `title: ""`, which wrote "A typed client for , generated from …").
 *
 * @example
 * ```js
 * apiTitle({ info: { title: " Orders API " } }, "orders"); // "Orders API"
 * apiTitle({ info: { title: "" } }, "orders"); // "orders"
 * ```
 * @param {{ info?: { title?: unknown } }} spec
 * @param {string} name the spec's name (its file name without the extension)
 * @returns {string}
 */
export function apiTitle(spec, name) {
  const title = spec.info?.title;
  return typeof title === "string" && title.trim() !== "" ? title.trim() : name;
}

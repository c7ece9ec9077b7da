// Text for messages that list what went wrong.

/**
 * The first `limit` of `lines`, each indented by two spaces, then `  and N more<hint>` when some were left out.
 *
 * @example
 * ```js
 * cappedLines(["a", "b", "c"], 2, " (run pnpm lint)"); // ["  a", "  b", "  and 1 more (run pnpm lint)"]
 * ```
 * @param {readonly string[]} lines
 * @param {number} limit
 * @param {string} [hint] text after "and N more"
 * @returns {string[]}
 */
export function cappedLines(lines, limit, hint = "") {
  const listed = lines.slice(0, limit).map((line) => `  ${line}`);
  const more = lines.length - listed.length;
  return more > 0 ? [...listed, `  and ${more} more${hint}`] : listed;
}

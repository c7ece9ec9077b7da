/** Origin and path of a URL, without the query string (which may carry data). */
export function withoutQuery(url: string): string {
  if (!URL.canParse(url)) return url;
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname}`;
}

// A URL runs to the first character a request's URL cannot hold unencoded (`'` and `)` it can).
const URL_IN_TEXT = /\b[a-z][\w+.-]*:\/\/[^\s"`<>]*/gi;

/**
 * `text` with the query and fragment cut from every URL it quotes. Some runtimes' errors name the request's URL
 * (Bun's decompression errors do), and keyway names a URL without its query, which may carry data. What closes a
 * URL quoted in `'…'` or `(…)` goes with its query.
 */
export function withoutQueriesIn(text: string): string {
  if (!text.includes("?") && !text.includes("#")) return text;
  return text.replace(URL_IN_TEXT, (url) => url.split(/[?#]/, 1)[0]!);
}

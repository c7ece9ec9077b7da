/** Origin and path of a URL, without the query string (which may carry data). */
export function withoutQuery(url: string): string {
  if (!URL.canParse(url)) return url;
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname}`;
}

/**
 * A path template and the fragment after its `#`, if any (AWS's specs tell operations on one path apart with one:
 * `/#X-Amz-Target=Svc.Op`, `/findings/{id}#analyzerArn`). HTTP never sends a fragment.
 */
export function splitFragment(template: string): [path: string, fragment: string | undefined] {
  const hash = template.indexOf("#");
  return hash === -1 ? [template, undefined] : [template.slice(0, hash), template.slice(hash + 1)];
}

// A URL, and its query and fragment; it runs to the first character a request's URL cannot hold unencoded (it can
// hold `'` and `)`, so what closes a URL quoted in '…' or (…) goes with its query).
const URL_AND_QUERY = /\b([a-z][\w+.-]*:\/\/[^\s"`<>?#]*)[?#][^\s"`<>]*/gi;

/**
 * `text` with the query and fragment cut from every URL it quotes. Some runtimes' errors name the request's URL
 * (Bun's decompression errors do), and keyway names a URL without its query, which may carry data.
 */
export function withoutQueriesIn(text: string): string {
  return text.replace(URL_AND_QUERY, "$1");
}

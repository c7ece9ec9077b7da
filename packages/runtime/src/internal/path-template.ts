// The delimiters of a path template as a spec writes it (`/findings/{id}#analyzerArn`, `/airquality?city_id={city_id}`),
// found outside its `{…}` expressions: OpenAPI lets a parameter's name hold any character but braces (RapidAPI's
// IdealSpot names one `insight_id:`), and a `#`, `?` or `/` inside one delimits nothing.
const FRAGMENT_MARK = /#(?![^{}]*\})/;
const QUERY_MARK = /\?(?![^{}]*\})/;
const SEGMENT_MARK = /\/(?![^{}]*\})/;

/**
 * A path template and the fragment after its `#`, if any (AWS's specs tell operations on one path apart with one:
 * `/#X-Amz-Target=Svc.Op`, `/findings/{id}#analyzerArn`). HTTP never sends a fragment.
 */
export function splitFragment(template: string): [path: string, fragment: string | undefined] {
  const hash = template.search(FRAGMENT_MARK);
  return hash === -1 ? [template, undefined] : [template.slice(0, hash), template.slice(hash + 1)];
}

/** Where the query a path template holds begins (its `?`), or -1: 9 for `/messages?action=send`. */
export function literalQueryIndex(path: string): number {
  return path.search(QUERY_MARK);
}

/** The segments of a path template without its fragment: `["", "files", "{a/b}"]` for `/files/{a/b}`. */
export function templateSegments(path: string): string[] {
  return path.split(SEGMENT_MARK);
}

// Matches a request written in an e2e test (`/api/v1/teams/${}?user_id=me`) to an operation of a
// spec (`GET /teams/{team_id}`). A `${}` segment is a value only a path parameter can take; a
// literal segment matches the same literal, or a parameter. The most literal match wins, so
// `/users/me` is its own operation where the spec has one.

const API_PREFIX = "/api/v1";

/**
 * @param {Record<string, Record<string, unknown>>} paths the spec's `paths`
 * @returns {{ operation: string, path: string } | { skipped: string }}
 */
export function matchOperation(paths, method, url) {
  const [pathPart] = url.split("?");
  if (!pathPart.startsWith(`${API_PREFIX}/`) && pathPart !== API_PREFIX)
    return { skipped: "the URL is not under /api/v1" };
  const segments = segmentsOf(pathPart.slice(API_PREFIX.length));
  let best;
  for (const [template, item] of Object.entries(paths)) {
    if (!item[method.toLowerCase()]) continue;
    const score = matchScore(segmentsOf(template), segments);
    if (score !== undefined && (!best || score > best.score)) best = { template, score };
  }
  if (!best) return { skipped: "no operation of our spec has this method and path" };
  return { operation: `${method} ${best.template}`, path: pathPart.replace(/\$\{\}/g, "{…}") };
}

function segmentsOf(path) {
  return path.split("/").filter((segment) => segment !== "");
}

/** How many literal segments match, or undefined when the path does not fit the template. */
function matchScore(template, segments) {
  if (template.length !== segments.length) return undefined;
  let score = 0;
  for (let i = 0; i < template.length; i++) {
    const expected = template[i];
    const actual = segments[i];
    if (/^\{[^}]+\}$/.test(expected)) continue;
    if (actual.includes("${}") || decodeURIComponent(actual) !== expected) return undefined;
    score++;
  }
  return score;
}

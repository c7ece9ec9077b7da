// A response step that rewrites a response (its status, or its body once read) answers with a new Response; what the
// transport and the caller read of the response besides those stays fetch's.

/**
 * A Response of `body` under `init` (the headers default to `response`'s) that keeps `response`'s `url`, `redirected`
 * and `type`, which a constructed Response would report as `""`, `false` and `"default"`. Internal to the package.
 */
export function replacedResponse(response: Response, body: BodyInit | null, init: ResponseInit): Response {
  const replaced = new Response(body, { headers: response.headers, ...init });
  for (const property of ["url", "redirected", "type"] as const)
    Object.defineProperty(replaced, property, { value: response[property] });
  return replaced;
}

// How a fake Stack Auth answers a request that asks it to hide its error statuses, as Stack Auth's own SDK does.

/** The request header that asks for it: present with any value, even `false` or empty. */
const OVERRIDE_ERROR_STATUS = "x-stack-override-error-status";
/** The response header that then carries the status the answer had. */
const ACTUAL_STATUS = "x-stack-actual-status";

/**
 * `answer` as Stack Auth sends it to a request with `X-Stack-Override-Error-Status`: a 4xx becomes a 200 carrying
 * `x-stack-actual-status: <status>`, its body and known-error header unchanged; a 5xx and any other answer as it is.
 */
export function withOverriddenErrorStatus(request: Request, answer: Response): Response {
  if (!request.headers.has(OVERRIDE_ERROR_STATUS) || answer.status < 400 || answer.status > 499) return answer;
  const headers = new Headers(answer.headers);
  headers.set(ACTUAL_STATUS, String(answer.status));
  return new Response(answer.body, { status: 200, headers });
}

/** One problem Prism found with a request, as it reports them in `sl-violations` and problem+json bodies. */
interface Violation {
  readonly location?: readonly string[];
  readonly severity?: string;
  readonly code?: string | number;
  readonly message?: string;
}

/** What a typed client call resolves to (openapi-fetch's `{ data, error, response }`). */
export interface CallResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * Why Prism rejected a request, in its own words: the error-level violations of its
 * `sl-violations` header (set whenever it answers with one of the spec's error examples) and the
 * `detail` and `validation` of the problem+json it generates when the spec has no such example.
 * Empty when Prism found nothing wrong with the request.
 */
function prismReasons({ response, error }: CallResult): string[] {
  const reasons: string[] = [];
  const header = response.headers.get("sl-violations");
  if (header) reasons.push(...describeViolations(JSON.parse(header) as Violation[]));
  const contentType = response.headers.get("content-type") ?? "";
  if (contentType.includes("application/problem+json") && typeof error === "object" && error !== null) {
    const problem = error as { title?: string; detail?: string; validation?: Violation[] };
    reasons.push(...[problem.title, problem.detail].filter((text): text is string => Boolean(text)));
    reasons.push(...describeViolations(problem.validation ?? []));
  }
  return [...new Set(reasons)];
}

function describeViolations(violations: readonly Violation[]): string[] {
  return violations
    .filter((violation) => violation.severity === undefined || violation.severity === "Error")
    .map(
      (violation) =>
        `${(violation.location ?? []).join(".") || "request"}: ${violation.message ?? String(violation.code)}`,
    );
}

/**
 * The assertion message for a call Prism did not accept, or `undefined` if it did: a 2xx answer
 * with no error-level violation. The message carries Prism's reasons, and the body it answered
 * with when Prism gave none (a spec's error example, say).
 */
export function rejection(operation: string, result: CallResult): string | undefined {
  const reasons = prismReasons(result);
  if (result.response.ok && reasons.length === 0) return undefined;
  const answered = `HTTP ${result.response.status} ${result.response.statusText}`.trim();
  const why = reasons.length
    ? reasons.join("; ")
    : `no reason given; it answered ${JSON.stringify(result.error ?? result.data)}`;
  return `Prism rejected ${operation} (${answered}): ${why}`;
}

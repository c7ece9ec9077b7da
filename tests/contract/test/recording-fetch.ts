/** A request as it left the client for the network. */
export interface SentRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
}

/** A fetch that records every request before sending it with the global fetch. */
export interface RecordingFetch {
  readonly fetch: typeof globalThis.fetch;
  /** Returns the requests sent since the last call, and forgets them. */
  take(): SentRequest[];
}

/**
 * Creates a {@link RecordingFetch}, to hand to a client's `fetch` option, so a test can see which
 * operations a call really reached.
 */
export function recordingFetch(): RecordingFetch {
  let sent: SentRequest[] = [];
  return {
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push({ method: request.method, url: new URL(request.url), headers: request.headers });
      return globalThis.fetch(request);
    },
    take() {
      const taken = sent;
      sent = [];
      return taken;
    },
  };
}

/**
 * Whether a request went to an operation (`"GET /users/{user_id}"`): the same method, and a path
 * that fills each `{parameter}` of the template with one non-empty segment.
 */
export function reaches(request: SentRequest, operation: string): boolean {
  const [method, template] = operation.split(" ") as [string, string];
  const pattern = template
    .split(/\{[^}]+\}/)
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return request.method === method && new RegExp(`^${pattern}$`).test(request.url.pathname);
}

// @keyway/stack-auth/testing/server: the fake on a 127.0.0.1 port (Node only).
import { type FakeServer, serveFake as serveAnyFake } from "@keyway/runtime/testing/server";
import { sessionsOfFake } from "./testing-sessions.js";

export type { FakeServer } from "@keyway/runtime/testing/server";

/**
 * Serves a fake Stack Auth on a free 127.0.0.1 port, for code under test that builds its own client (or token
 * verifier) from a base URL. The access tokens its project issues from then on, until `close()`, name the served URL in
 * their issuer, as Stack Auth names the host it was asked through, so
 * `createAccessTokenVerifier({ projectId, baseUrl: server.url })` accepts them. The server does not keep the process
 * alive by itself (a test that fails before `close()` still lets the process exit): a script serving the fake to
 * another process must keep itself running until that one is done.
 *
 * @example
 * ```ts
 * import { createStackAuthFake } from "@keyway/stack-auth/testing";
 * import { serveFake } from "@keyway/stack-auth/testing/server";
 *
 * const fake = createStackAuthFake();
 * const server = await serveFake(fake);
 * process.env["STACK_API_URL"] = server.url; // http://127.0.0.1:<port>/api/v1, where the code under test finds the API
 * // … run the code under test …
 * await server.close();
 * ```
 */
export async function serveFake(fake: {
  readonly fetch: (request: Request) => Promise<Response>;
  readonly basePath?: string;
}): Promise<FakeServer> {
  const server = await serveAnyFake(fake);
  const sessions = sessionsOfFake.get(fake);
  if (!sessions) return server;
  const serving = servedUrls.get(sessions) ?? { before: sessions.issuerBaseUrl, open: [] };
  servedUrls.set(sessions, serving);
  serving.open.push(server.url);
  sessions.issuerBaseUrl = server.url;
  return {
    url: server.url,
    // Once closed, the fake issues tokens as the newest of its servers still open names itself, or as before it was
    // served, so that a later test's verifier (made with the fake's fetch, or another server's URL) accepts them.
    close: async () => {
      await server.close();
      const index = serving.open.indexOf(server.url);
      if (index === -1) return;
      serving.open.splice(index, 1);
      sessions.issuerBaseUrl = serving.open.at(-1) ?? serving.before;
    },
  };
}

/** The URLs of each fake's servers still open, oldest first, and the issuer its tokens named before it was served. */
const servedUrls = new WeakMap<object, { readonly before: string; readonly open: string[] }>();

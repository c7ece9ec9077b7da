import { startTestServer, type Handler, type TestServer } from "@keyway/test-server";
import {
  createStackAuthClient,
  createStackAuthServerClient,
  type StackAuthClientOptions,
  type StackAuthServerClientOptions,
} from "../src/index.js";

export const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
export const PUBLISHABLE_KEY = "pck_4q9xk2m7tz1vb6nd3rj8we5ys0";
/** Secrets with markers that must never appear where they do not belong. */
export const SECRET_SERVER_KEY = "ssk_MARKER_server_7c1e9a";
export const ACCESS_TOKEN = "eyJ.MARKER_access_token_old.sig";
export const REFRESH_TOKEN = "refreshtokenmarker00000000000000000000000000a";

const servers: TestServer[] = [];
/** Closes the servers the test started (test/hooks.ts, after each test). */
export async function closeServers(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => server.close()));
}

export async function server(handler?: Handler): Promise<TestServer> {
  const started = await startTestServer(handler);
  servers.push(started);
  return started;
}

/** A client-access client pointed at a fresh recording server, signed in by default. */
export async function clientAgainst(handler?: Handler, options: Partial<StackAuthClientOptions> = {}) {
  const srv = await server(handler);
  const stack = createStackAuthClient({
    projectId: PROJECT_ID,
    publishableClientKey: PUBLISHABLE_KEY,
    session: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
    baseUrl: srv.url,
    ...options,
  });
  return { stack, server: srv };
}

/** A server-access client pointed at a fresh recording server. */
export async function serverClientAgainst(handler?: Handler, options: Partial<StackAuthServerClientOptions> = {}) {
  const srv = await server(handler);
  const admin = createStackAuthServerClient({
    projectId: PROJECT_ID,
    secretServerKey: SECRET_SERVER_KEY,
    baseUrl: srv.url,
    ...options,
  });
  return { admin, server: srv };
}

/** Answers like Stack Auth does with a known error. */
export function knownError(
  res: import("node:http").ServerResponse,
  status: number,
  code: string,
  error = code,
  details?: object,
) {
  const body = JSON.stringify({ code, error, ...(details ? { details } : {}) });
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "x-stack-known-error": code,
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

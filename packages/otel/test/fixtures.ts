import { Redactor, type Authorizer, type Instrumentation } from "@keyway/runtime";
import { createStackAuthClient } from "@keyway/stack-auth";
import { createStackerClient, type StackerClientOptions } from "@keyway/stacker";
import { sendJson } from "@keyway/test-server";
import fc from "fast-check";
import { openTelemetry, type OpenTelemetryOptions } from "../src/index.js";
import { serverWith, tracerProvider } from "./setup.js";

export const INTEGRATION_KEY = "sk_MARKER_integration_5be0c1";
export const RECORD_TEMPLATE = "/api/external/objects/{object_sid}/records/{record_sid}/";
export const RECORD = `GET ${RECORD_TEMPLATE}`;
export const RECORD_PARAMS = { path: { object_sid: "object.custom.orders", record_sid: "rec7wzphqrc9w7rii7h" } };

type TracedStackerOptions = Omit<StackerClientOptions, "integrationKey" | "baseUrl" | "instrumentation"> &
  Pick<OpenTelemetryOptions, "propagateContext" | "tracerProvider">;

/** A Stacker client traced into the tests' exporter, against a local server that answers with `handler`. */
export async function tracedStacker(
  handler: Parameters<typeof serverWith>[0],
  { propagateContext = false, tracerProvider: provider = tracerProvider, ...options }: TracedStackerOptions = {},
) {
  const server = await serverWith(handler);
  const stacker = createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: "acc_8f2d41",
    stackId: "app785vwedw46e3bx8",
    baseUrl: server.url,
    ...options,
    instrumentation: openTelemetry({ tracerProvider: provider, propagateContext }),
  });
  return { stacker, server, port: Number(new URL(server.url).port) };
}

export const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
export const PUBLISHABLE_KEY = "pck_MARKER_publishable_4q9xk2m7";
export const SECRET_SERVER_KEY = "ssk_MARKER_server_7c1e9a";
export const ACCESS_TOKEN = "eyJ.MARKER_access_token_old.sig";
export const NEW_ACCESS_TOKEN = "eyJ.MARKER_access_token_new.sig";
export const REFRESH_TOKEN = "refreshtokenMARKER0000000000000000000000000a";
export const ME = { id: "3f0e2b1c-0000-4000-8000-000000000001", display_name: "Ada" };

/**
 * Stack Auth whose old access token has expired. The refresh answers once `callers` calls
 * have been refused, so that all of them wait for the same refresh however loaded the machine is.
 */
export async function expiringStackAuth(callers: number) {
  let refused = 0;
  return serverWith(async (req, res) => {
    if (req.url === "/auth/sessions/current/refresh") {
      while (refused < callers) await new Promise((resolve) => setTimeout(resolve, 5));
      // The last refusal is on its way to the client: let it arrive before the new token does (a busy machine is slow).
      await new Promise((resolve) => setTimeout(resolve, 250));
      return sendJson(res, 200, { access_token: NEW_ACCESS_TOKEN });
    }
    if (req.headers["x-stack-access-token"] !== NEW_ACCESS_TOKEN) {
      refused++;
      const body = JSON.stringify({ code: "ACCESS_TOKEN_EXPIRED", error: `Access token ${ACCESS_TOKEN} has expired.` });
      res.writeHead(401, {
        "content-type": "application/json",
        "x-stack-known-error": "ACCESS_TOKEN_EXPIRED",
        "content-length": Buffer.byteLength(body),
      });
      return res.end(body);
    }
    sendJson(res, 200, ME);
  });
}

/** A Stack Auth client whose session's access token has expired, against {@link expiringStackAuth}`(callers)`. */
export async function expiringSession(callers: number, instrumentation: Instrumentation) {
  const server = await expiringStackAuth(callers);
  const stack = createStackAuthClient({
    projectId: PROJECT_ID,
    publishableClientKey: PUBLISHABLE_KEY,
    session: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
    baseUrl: server.url,
    instrumentation,
  });
  return { server, stack };
}

export function userPages(ids: readonly string[]) {
  return serverWith((req, res) => {
    const query = new URL(req.url, "http://x").searchParams;
    const start = query.get("cursor") ? ids.indexOf(query.get("cursor")!) : 0;
    const limit = Number(query.get("limit"));
    const items = ids.slice(start, start + limit).map((id) => ({ id, primary_email: `${id}@example.com` }));
    sendJson(res, 200, { items, is_paginated: true, pagination: { next_cursor: ids[start + limit] ?? null } });
  });
}

/** A path segment a base URL may have: letters, digits and what a URL writes percent-encoded. */
const baseSegment = fc.string({ unit: fc.constantFrom("v", "2", "x", "-", "é", " ", "~"), minLength: 1, maxLength: 6 });

/** A base URL's path: a few segments, maybe with a trailing `/`. */
export const basePath = fc
  .tuple(fc.array(baseSegment, { maxLength: 3 }), fc.boolean())
  .map(([segments, slash]) => segments.map((s) => `/${s}`).join("") + (slash ? "/" : ""));

/** Sends `key` as X-Api-Key to every operation and redacts it, as header-auth does for a one-scheme API. */
export function apiKeyAuth(key: string): Authorizer {
  const redactor = new Redactor(["X-Api-Key"]);
  redactor.remember(key);
  return {
    headers: ["X-Api-Key"],
    redactor,
    authorize: (request) => request.headers.set("X-Api-Key", key),
  };
}

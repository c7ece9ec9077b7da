import { sendJson } from "@keyway/test-server";
import type { RecordedRequest, TestServer } from "@keyway/test-server";
import { createStackerClient, InsecureTransportError, RedirectError } from "@keyway/stacker";
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_ID,
  INTEGRATION_KEY,
  STACKER_CREDENTIAL_HEADERS,
  STACK_ID,
  TIMEZONE,
  routedFetch,
  server,
} from "./network.js";

const RECORD_PATH = "/api/external/objects/{object_sid}/records/{record_sid}/";
const CREATE_PATH = "/api/external/objects/{object_sid}/records/";
const OBJECT = "object.custom.orders";
const BODY = { orders__number: 42, orders__note: "ünïcode body" };
const LANDED = { landed: true };

type Scheme = "http" | "https";
type Target = "same origin" | "other origin";

/** Two origins, the API's and another, each a recording server; "https" ones are names routed to them. */
async function twoOrigins(scheme: Scheme) {
  const api = await server();
  const other = await server((_req, res) => sendJson(res, 200, LANDED));
  const apiOrigin = scheme === "https" ? "https://api.stacker.test" : api.url;
  const otherOrigin = scheme === "https" ? "https://files.elsewhere.test" : other.url;
  const routed = routedFetch({ [apiOrigin]: api.url, [otherOrigin]: other.url });
  return { api, other, apiOrigin, otherOrigin, routed };
}

function stackerFor(baseUrl: string, fetch: typeof globalThis.fetch, allowedRedirectOrigins?: string[]) {
  return createStackerClient({
    integrationKey: INTEGRATION_KEY,
    accountId: ACCOUNT_ID,
    stackId: STACK_ID,
    timezone: TIMEZONE,
    baseUrl,
    fetch,
    ...(allowedRedirectOrigins ? { allowedRedirectOrigins } : {}),
  });
}

/** The API answers its first request with `status` to `location` and 200 afterwards. */
function redirectOnce(api: TestServer, status: number, location: string) {
  api.handle((req, res) => {
    if (req.url.startsWith("/landing")) return sendJson(res, 200, LANDED);
    res.writeHead(status, { location, "set-cookie": "session=MARKER_cookie; HttpOnly" }).end();
  });
}

function call(stacker: ReturnType<typeof stackerFor>, method: "GET" | "POST") {
  return method === "GET"
    ? stacker.GET(RECORD_PATH, { params: { path: { object_sid: OBJECT, record_sid: "rec1" } } })
    : stacker.POST(CREATE_PATH, { params: { path: { object_sid: OBJECT } }, body: BODY });
}

/** What the redirected request must look like: 303 (and 301/302 after a POST) become a GET without body. */
function expectedFollowUp(status: number, method: "GET" | "POST") {
  const becomesGet = method === "POST" && (status === 303 || status === 301 || status === 302);
  return becomesGet || method === "GET" ? { method: "GET", body: "" } : { method: "POST", body: JSON.stringify(BODY) };
}

function credentialHeadersOf(request: RecordedRequest) {
  return Object.fromEntries(
    STACKER_CREDENTIAL_HEADERS.filter((h) => h in request.headers).map((h) => [h, request.headers[h]]),
  );
}

const STATUSES = [301, 302, 303, 307, 308] as const;
const METHODS = ["GET", "POST"] as const;
const SCHEMES: Scheme[] = ["http", "https"];
const TARGETS: Target[] = ["same origin", "other origin"];
const matrix = STATUSES.flatMap((status) =>
  METHODS.flatMap((method) =>
    SCHEMES.flatMap((scheme) => TARGETS.map((target) => ({ status, method, scheme, target }))),
  ),
);

describe("redirect matrix: 301/302/303/307/308 × same/other origin × GET/POST × http/https", () => {
  it.each(matrix)("$status $method over $scheme to the $target", async ({ status, method, scheme, target }) => {
    const { api, other, apiOrigin, otherOrigin, routed } = await twoOrigins(scheme);
    const location = target === "same origin" ? "/landing?page=2" : `${otherOrigin}/landing?token=MARKER_query`;
    redirectOnce(api, status, location);
    const stacker = stackerFor(apiOrigin, routed.fetch);
    const outcome = await call(stacker, method).then(
      (result) => result,
      (error: unknown) => error,
    );
    expect(routed.redirectModes.every((mode) => mode === "manual")).toBe(true);
    expect(api.requests[0]!.method).toBe(method);

    if (target === "same origin") {
      // Followed by keyway, with every credential, on the API's origin only.
      expect(outcome).toMatchObject({ data: LANDED });
      expect(api.requests).toHaveLength(2);
      const followUp = api.requests[1]!;
      expect(followUp.url).toBe("/landing?page=2");
      expect({ method: followUp.method, body: followUp.body.toString("utf8") }).toEqual(
        expectedFollowUp(status, method),
      );
      expect(credentialHeadersOf(followUp)).toEqual({
        "x-integration-key": INTEGRATION_KEY,
        "x-account-id": ACCOUNT_ID,
        "x-stack-id": STACK_ID,
        "x-timezone": TIMEZONE,
      });
      expect(other.requests).toHaveLength(0);
      return;
    }
    // Another origin: refused by default, typed, with no query string, and nothing sent there.
    expect(outcome).toBeInstanceOf(RedirectError);
    expect(outcome).toMatchObject({
      status,
      targetOrigin: otherOrigin,
      method,
      reason: "it leads to another origin (allow it with the client option allowedRedirectOrigins)",
    });
    expect(String(outcome)).not.toContain("MARKER");
    expect(api.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
    expect(routed.urls).toHaveLength(1);

    // Allowed by name: followed, but no credential header, no header default, no cookie goes there.
    const allowing = stackerFor(apiOrigin, routed.fetch, [otherOrigin]);
    const allowed = await call(allowing, method);
    expect(allowed.data).toEqual(LANDED);
    expect(other.requests).toHaveLength(1);
    const received = other.requests[0]!;
    expect(received.url).toBe("/landing?token=MARKER_query");
    expect({ method: received.method, body: received.body.toString("utf8") }).toEqual(expectedFollowUp(status, method));
    expect(credentialHeadersOf(received)).toEqual({});
    expect(received.headers).not.toHaveProperty("cookie");
    expect(received.headers).not.toHaveProperty("authorization");
    expect(JSON.stringify(received.headers)).not.toContain("MARKER");
  });
});

describe("redirects keyway refuses", () => {
  it("https → http on the same host (a downgrade) is another origin: refused, nothing sent over http", async () => {
    const api = await server((_req, res) => res.writeHead(301, { location: "http://api.stacker.test/landing" }).end());
    const plain = await server((_req, res) => sendJson(res, 200, LANDED));
    const routed = routedFetch({ "https://api.stacker.test": api.url, "http://api.stacker.test": plain.url });
    const error = await call(stackerFor("https://api.stacker.test", routed.fetch), "GET").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RedirectError", status: 301, targetOrigin: "http://api.stacker.test" });
    expect(plain.requests).toHaveLength(0);

    // Even when that http origin is allowed, the integration key never travels there.
    const allowed = await call(
      stackerFor("https://api.stacker.test", routed.fetch, ["http://api.stacker.test"]),
      "GET",
    );
    expect(allowed.data).toEqual(LANDED);
    expect(credentialHeadersOf(plain.requests[0]!)).toEqual({});
  });

  it("an API on plain http to a non-loopback host is refused before the first request", async () => {
    const api = await server((_req, res) => sendJson(res, 200, LANDED));
    const routed = routedFetch({ "http://api.stacker.test": api.url });
    const error = await call(stackerFor("http://api.stacker.test", routed.fetch), "GET").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsecureTransportError);
    expect(api.requests).toHaveLength(0);
  });

  it("more than 5 redirects: a RedirectError after the 5th hop is followed", async () => {
    const api = await server((_req, res) => res.writeHead(302, { location: `/hop/${api.requests.length}` }).end());
    const routed = routedFetch({ [api.url]: api.url });
    const error = await call(stackerFor(api.url, routed.fetch), "GET").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedirectError);
    expect(String(error)).toContain("more than 5 redirects");
    expect(api.requests).toHaveLength(6);
  });

  it.each(["javascript:alert(1)", "ftp://files.stacker.test/x", "http://[::1", "//user:pass@127.0.0.1/x"])(
    "a Location of %s is refused",
    async (location) => {
      const api = await server((_req, res) => res.writeHead(302, { location }).end());
      const error = await call(stackerFor(api.url, routedFetch({ [api.url]: api.url }).fetch), "GET").catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RedirectError);
      expect(api.requests).toHaveLength(1);
    },
  );

  it("withOptions can allow an origin for some calls only", async () => {
    const { api, other, apiOrigin, otherOrigin, routed } = await twoOrigins("https");
    redirectOnce(api, 302, `${otherOrigin}/landing`);
    const stacker = stackerFor(apiOrigin, routed.fetch);
    expect((await call(stacker.withOptions({ allowedRedirectOrigins: [otherOrigin] }), "GET")).data).toEqual(LANDED);
    await expect(call(stacker, "GET")).rejects.toBeInstanceOf(RedirectError);
    expect(other.requests).toHaveLength(1);
    expect(credentialHeadersOf(other.requests[0]!)).toEqual({});
  });

  it("a 3xx without Location (304, 300) is returned as the response, not followed", async () => {
    const api = await server((_req, res) => res.writeHead(300).end());
    const { response } = await call(stackerFor(api.url, routedFetch({ [api.url]: api.url }).fetch), "GET");
    expect(response.status).toBe(300);
    expect(api.requests).toHaveLength(1);
  });

  it("a browser's opaque redirect (redirect: manual hides the target) is a RedirectError, never followed", async () => {
    // What Chromium's fetch gives for redirect: "manual": status 0, type "opaqueredirect", no Location.
    const opaqueRedirect = async () =>
      Object.defineProperties(new Response(null), {
        type: { value: "opaqueredirect" },
        status: { value: 0 },
      }) as Response;
    const stacker = stackerFor("https://api.stacker.test", opaqueRedirect as typeof fetch);
    const error = await call(stacker, "GET").catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "RedirectError", status: 0, targetOrigin: undefined });
  });

  it("allowedRedirectOrigins must name origins", () => {
    expect(() => stackerFor("https://api.stacker.test", fetch, ["not an origin"])).toThrow(/allowedRedirectOrigins/);
  });
});

import type { ServerResponse } from "node:http";
import type { RecordedRequest } from "@keyway/test-server";
import { isKnownError, RequestTimeoutError, unwrap } from "@keyway/stack-auth";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { server } from "./network.js";
import { ME, REFRESH_PATH, sessionApi, signedIn } from "./signed-in-session.js";

// A call may bring its own fetch (`stack.GET(path, { fetch })`). Stack Auth's answers are read the same whichever fetch
// sent the request: a 200 that carries the actual status of a 4xx is that error, and a 401 without a known-error header
// is read for the code its body names, so that an expired session refreshes.

/** A call's own fetch, which sends what it is given through the platform's. */
const ownFetch: typeof fetch = (input, init) => fetch(input, init);

/** Which fetch sends a call: the client's (the call brings none), then the call's own. */
const FETCHES = [undefined, ownFetch];

describe("a call's own fetch reads Stack Auth's answers as the client's does", () => {
  it("a 200 with the actual status of a 409 is the typed known error, sent with either fetch", async () => {
    const api = await server((_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "x-stack-actual-status": "409",
        "x-stack-known-error": "USER_EMAIL_ALREADY_EXISTS",
      });
      res.end(JSON.stringify({ code: "USER_EMAIL_ALREADY_EXISTS", error: "Taken", details: { email: "a@b.co" } }));
    });
    const body = { email: "a@b.co", password: "pw-123456" };
    for (const fetch of FETCHES) {
      const error = await unwrap(signedIn(api.url).POST("/auth/password/sign-up", { body, fetch })).then(
        (data) => ({ resolvedWith: data }),
        (thrown: unknown) => thrown,
      );
      expect(isKnownError(error, "USER_EMAIL_ALREADY_EXISTS")).toBe(true);
      expect((error as { status: number }).status).toBe(409);
    }
  });

  it("a 401 rewritten to 200, without a known-error header, refreshes the session, sent with either fetch", async () => {
    const api = await sessionApi((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-hexclave-actual-status": "401" });
      res.end(JSON.stringify({ code: "ACCESS_TOKEN_EXPIRED", error: "expired" }));
    });
    for (const fetch of FETCHES) {
      const result = await signedIn(api.url).GET("/users/me", { fetch });
      expect({ status: result.response.status, data: result.data }).toEqual({ status: 200, data: ME });
    }
    const refreshed = ["/users/me", REFRESH_PATH, "/users/me"];
    expect(api.requests.map((request) => request.url)).toEqual([...refreshed, ...refreshed]);
  });

  it("whatever the answer, a call's own fetch ends as the client's: status, data, error, refreshes (property)", async () => {
    let answer = { status: 200, headers: {} as Record<string, string>, body: "" };
    const api = await sessionApi((_req, res) => {
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(answer.body);
    });
    const answers = fc.record({
      status: fc.constantFrom(200, 401, 403),
      actualStatus: fc.option(fc.constantFrom("401", "403", "409", "418", "200", "abc"), { nil: undefined }),
      actualStatusHeader: fc.constantFrom("x-stack-actual-status", "x-hexclave-actual-status"),
      knownError: fc.option(fc.constantFrom("ACCESS_TOKEN_EXPIRED", "USER_NOT_FOUND"), { nil: undefined }),
      code: fc.constantFrom("ACCESS_TOKEN_EXPIRED", "INVALID_ACCESS_TOKEN", "USER_NOT_FOUND", "SOMETHING_NEW"),
    });
    const outcome = async (fetch: typeof globalThis.fetch | undefined) => {
      const before = api.requests.filter((request) => request.url === REFRESH_PATH).length;
      const result = await signedIn(api.url).GET("/users/me", { fetch });
      const refreshes = api.requests.filter((request) => request.url === REFRESH_PATH).length - before;
      return { status: result.response.status, data: result.data, error: result.error, refreshes };
    };
    await fc.assert(
      fc.asyncProperty(answers, async ({ status, actualStatus, actualStatusHeader, knownError, code }) => {
        const headers: Record<string, string> = {};
        if (actualStatus !== undefined) headers[actualStatusHeader] = actualStatus;
        if (knownError !== undefined) headers["x-stack-known-error"] = knownError;
        answer = { status, headers, body: JSON.stringify({ code, error: "refused" }) };
        expect(await outcome(ownFetch)).toEqual(await outcome(undefined));
      }),
      { numRuns: 60 },
    );
  });
});

describe("a 401 without a known-error header whose body stalls, to a call with its own fetch", () => {
  /** A 401 whose body starts, then never ends. */
  const stalled = (_req: RecordedRequest, res: ServerResponse) => {
    res.writeHead(401, { "content-type": "application/json" });
    res.write('{"code": "ACCESS_TOKEN_EXP');
  };

  // Read from a clone once the call had it, the 401's own copy of the body ended as if whole after the attempt's
  // timeout (Node 20), and the call answered a 401 with no body and no refresh.
  it("fails with the attempt's RequestTimeoutError, as under the client's fetch", async () => {
    const api = await server(stalled);
    for (const fetch of FETCHES) {
      const outcome = await signedIn(api.url, 300)
        .GET("/users/me", { fetch })
        .then(
          (result) => ({ status: result.response.status, error: result.error }),
          (thrown: unknown) => thrown,
        );
      expect(outcome).toBeInstanceOf(RequestTimeoutError);
      expect((outcome as Error).message).toBe(`GET ${api.url}/users/me timed out after 300 ms (1 attempt)`);
    }
  });
});

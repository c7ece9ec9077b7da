import { sendJson } from "@keyway/test-server";
import { createStackAuthServerClient } from "@keyway/stack-auth";
import { createStackerClient, InvalidPathParameterError } from "@keyway/stacker";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCOUNT_ID, INTEGRATION_KEY, PROJECT_ID, SECRET_SERVER_KEY, STACK_ID, server } from "./network.js";

const RECORD_PATH = "/api/external/objects/{object_sid}/records/{record_sid}/";
const TEMPLATE_SEGMENTS = RECORD_PATH.split("/").length;
const RECORD_SEGMENT = RECORD_PATH.split("/").indexOf("{record_sid}");

/** Ids that try to change the route: dot segments, separators, encodings of them, lone surrogates. */
const hostileId = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "",
    ".",
    "..",
    "...",
    "%2e",
    "%2e%2e",
    "%2E.",
    "./",
    "../",
    "/",
    "a/../b",
    "?x=1",
    "#frag",
    "\\",
    "..\\",
    " ",
    "%",
    "%zz",
    "ü/ü",
    "\ud800",
    "a\udfffb",
  ),
  fc.string({ unit: fc.constantFrom(".", "/", "%", "?", "#", "\\", " ", "2", "e", "E", ";", "\ud83d", "\ude00") }),
);

function isRouteChanging(id: string): boolean {
  if (id === "" || id === "." || id === "..") return true;
  try {
    encodeURIComponent(id);
    return false;
  } catch {
    return true; // a lone surrogate has no URL encoding
  }
}

describe("path ids never change the route", () => {
  it("any string: a typed error before sending, or the server sees the template's segments with the id decoded intact", async () => {
    const api = await server((_req, res) => sendJson(res, 200, { _sid: "rec" }));
    const stacker = createStackerClient({
      integrationKey: INTEGRATION_KEY,
      accountId: ACCOUNT_ID,
      stackId: STACK_ID,
      baseUrl: api.url,
    });
    await fc.assert(
      fc.asyncProperty(hostileId, async (id) => {
        const sentBefore = api.requests.length;
        const outcome = await stacker
          .GET(RECORD_PATH, { params: { path: { object_sid: "object.custom.orders", record_sid: id } } })
          .then(
            ({ response }) => response.status,
            (error: unknown) => error,
          );
        if (isRouteChanging(id)) {
          expect(outcome).toBeInstanceOf(InvalidPathParameterError);
          expect(outcome).toMatchObject({ parameter: "record_sid" });
          expect(api.requests).toHaveLength(sentBefore);
          return;
        }
        expect(outcome).toBe(200);
        const segments = api.requests.at(-1)!.url.split("/");
        expect(segments).toHaveLength(TEMPLATE_SEGMENTS);
        expect(decodeURIComponent(segments[RECORD_SEGMENT]!)).toBe(id);
      }),
      { numRuns: 400 },
    );
  });

  it.each(["", ".", ".."])(
    "Stack Auth GET /users/{user_id} with %j: InvalidPathParameterError naming user_id, nothing sent",
    async (userId) => {
      const api = await server((_req, res) => sendJson(res, 200, { items: [] }));
      const admin = createStackAuthServerClient({
        projectId: PROJECT_ID,
        secretServerKey: SECRET_SERVER_KEY,
        baseUrl: api.url,
      });
      const error = await admin
        .GET("/users/{user_id}", { params: { path: { user_id: userId } } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidPathParameterError);
      expect(error).toMatchObject({ parameter: "user_id" });
      expect(api.requests).toHaveLength(0);
    },
  );

  it("a missing or non-string path parameter is refused, not sent as a literal {name}", async () => {
    const api = await server();
    const stacker = createStackerClient({
      integrationKey: INTEGRATION_KEY,
      accountId: ACCOUNT_ID,
      stackId: STACK_ID,
      baseUrl: api.url,
    });
    for (const value of [undefined, null, { a: 1 }, ["a", "b"], Number.NaN]) {
      const error = await stacker
        .GET(RECORD_PATH, {
          params: { path: { object_sid: "object.custom.orders", record_sid: value as unknown as string } },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidPathParameterError);
    }
    expect(api.requests).toHaveLength(0);
  });
});

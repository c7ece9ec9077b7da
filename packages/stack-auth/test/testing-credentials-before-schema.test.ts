import { describe, expect, it } from "vitest";
import { createStackAuthFake } from "../src/testing.js";

// Stack Auth reads a request's credentials (parseAuth, in createSmartRequest) before it checks the request against
// its schema: a request with a wrong key that also breaks the spec is answered with the key's known error, not
// SCHEMA_ERROR. An app's test of that refusal must see what the app will see in production; the spec break is still
// reported by verify().

const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
const SECRET_SERVER_KEY = "ssk_test_credentials_order";
const SERVER = { "x-stack-access-type": "server", "x-stack-project-id": PROJECT_ID };

/** Each credential mistake, as the headers of a server-access request, and the known error Stack Auth answers it with. */
const MISTAKES: [string, Record<string, string>, number, string][] = [
  [
    "a wrong secret server key",
    { ...SERVER, "x-stack-secret-server-key": "ssk_wrong" },
    401,
    "INVALID_SECRET_SERVER_KEY",
  ],
  [
    "another project",
    { ...SERVER, "x-stack-project-id": "other-project", "x-stack-secret-server-key": SECRET_SERVER_KEY },
    400,
    "CURRENT_PROJECT_NOT_FOUND",
  ],
  [
    "an access token the fake did not issue",
    { ...SERVER, "x-stack-secret-server-key": SECRET_SERVER_KEY, "x-stack-access-token": "not-a-token" },
    401,
    "UNPARSABLE_ACCESS_TOKEN",
  ],
  [
    "an access type Stack Auth does not know",
    { ...SERVER, "x-stack-access-type": "owner", "x-stack-secret-server-key": SECRET_SERVER_KEY },
    400,
    "INVALID_ACCESS_TYPE",
  ],
  [
    "a wrong key under its Hexclave name",
    {
      "x-hexclave-access-type": "server",
      "x-hexclave-project-id": PROJECT_ID,
      "x-hexclave-secret-server-key": "ssk_wrong",
    },
    401,
    "INVALID_SECRET_SERVER_KEY",
  ],
];

/** Requests to GET /users that break its spec in the query. */
const SPEC_BREAKS: [string, string][] = [
  ["a limit that is not an integer", "limit=many"],
  ["a query parameter the operation does not take", "colour=blue"],
];

describe("the Stack Auth fake answers a request with wrong credentials that also breaks the spec", () => {
  for (const [mistake, headers, status, code] of MISTAKES)
    it.each(SPEC_BREAKS)(`with ${mistake}'s known error, though it sends %s`, async (_, query) => {
      const fake = createStackAuthFake({ access: "server", projectId: PROJECT_ID, secretServerKey: SECRET_SERVER_KEY });
      const response = await fake.fetch(`https://api.stack-auth.com/api/v1/users?${query}`, { headers });
      expect(response.status).toBe(status);
      expect(response.headers.get("x-stack-known-error")).toBe(code);
      expect(((await response.json()) as { code: string }).code).toBe(code);
      expect(fake.calls().map((call) => call.status)).toEqual([status]);
      expect(fake.violations).toHaveLength(1);
      expect(fake.violations[0]).toContain("GET /users: request query parameter");
    });
});

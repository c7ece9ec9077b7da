import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unwrap } from "../src/index.js";
import { createStackAuthServerClient } from "../src/server.js";
import { createStackAuthFake } from "../src/testing.js";

// A client with `headerFamily: "hexclave"` sends its credentials as X-Hexclave-*: a failing test's diff of
// `fake.calls()`, a console.log of one or its JSON must hide them as they hide the X-Stack-* names. So must they the
// admin keys the fake answers (INVALID_SUPER_SECRET_ADMIN_KEY), which neither spec declares.

const PROJECT_ID = "9e3f5c8a-1b2d-4e6f-8a9b-0c1d2e3f4a5b";
const SECRET_SERVER_KEY = "ssk_MARKER_hexclave_5d2b7e";

/** Every way a test's output shows the recorded calls. */
const printed = (calls: unknown) => [inspect(calls, { depth: 8 }), JSON.stringify(calls)];

/** Stack Auth's secret headers, under both names. */
const SECRET_HEADERS = [
  "Secret-Server-Key",
  "Access-Token",
  "Refresh-Token",
  "Super-Secret-Admin-Key",
  "Admin-Access-Token",
].flatMap((name) => [`X-Stack-${name}`, `X-Hexclave-${name}`]);

describe("the Stack Auth fake's recorded calls of a client sending X-Hexclave-* headers", () => {
  it("hide a server client's secret server key", async () => {
    const fake = createStackAuthFake({ access: "server", projectId: PROJECT_ID, secretServerKey: SECRET_SERVER_KEY });
    const admin = createStackAuthServerClient({
      projectId: PROJECT_ID,
      secretServerKey: SECRET_SERVER_KEY,
      headerFamily: "hexclave",
      fetch: fake.fetch,
      maxRetries: 0,
    });
    await unwrap(admin.GET("/users"));
    const [call] = fake.calls();
    expect(call?.headers.get("x-hexclave-secret-server-key")).toBe(SECRET_SERVER_KEY);
    for (const text of printed(fake.calls())) {
      expect(text).not.toContain(SECRET_SERVER_KEY);
      expect(text).toContain("x-hexclave-secret-server-key");
    }
  });

  it.each(["client", "server"] as const)(
    "%s access: hide any secret header under either name, whatever its value, answered or refused",
    async (access) => {
      const fake = createStackAuthFake({ access, projectId: PROJECT_ID, secretServerKey: SECRET_SERVER_KEY } as {
        access: "server";
      });
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.constantFrom(...SECRET_HEADERS), { minLength: 1 }),
          fc.constantFrom("client", "server", "admin"),
          fc.stringMatching(/^[A-Za-z0-9_.-]{12,40}$/),
          async (aliases, accessType, value) => {
            fake.reset();
            const headers = new Headers({
              "X-Hexclave-Access-Type": accessType,
              "X-Hexclave-Project-Id": PROJECT_ID,
              "X-Hexclave-Secret-Server-Key": SECRET_SERVER_KEY,
            });
            for (const alias of aliases) headers.set(alias, `${alias.length}${value}`);
            await fake.fetch("https://api.stack-auth.com/api/v1/users/me", { headers });
            for (const text of printed(fake.calls())) {
              expect(text).not.toContain(SECRET_SERVER_KEY);
              for (const alias of aliases) expect(text).not.toContain(`${alias.length}${value}`);
            }
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFakeApi, FakeApiError, type SpecData } from "../src/testing/index.js";

// What a test's author reads when a call breaks the spec: one line per violation, naming the operation, the request or
// the response (and its status), where (a JSON pointer), what the spec expects and what was found, its value only
// when short and not a secret.

const user = {
  type: "object",
  required: ["id", "email", "role"],
  properties: {
    id: { type: "string" },
    email: { type: "string" },
    role: { enum: ["owner", "member"] },
    password: { type: "string" },
  },
};
const spec: SpecData = {
  basePath: "/v1",
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  schemas: { User: user },
  responses: {},
  operations: {
    "GET /teams/{team_id}/users": {
      id: "listTeamUsers",
      security: [["ApiKey"]],
      parameters: [
        { name: "team_id", in: "path", required: true, schema: { type: "string" } },
        { name: "limit", in: "query", required: true, schema: { type: "integer" } },
        { name: "access_token", in: "query", schema: { type: "integer" } },
      ],
      responses: {
        "200": {
          contentType: "application/json",
          schema: {
            type: "object",
            required: ["users"],
            properties: { users: { type: "array", items: { $ref: "#/components/schemas/User" } } },
          },
          example: { users: [] },
        },
        "404": { contentType: "application/json", schema: { type: "object" }, example: {} },
      },
    },
    "POST /users": {
      id: "createUser",
      security: [["ApiKey"]],
      parameters: [],
      body: { contentType: "application/json", schema: { $ref: "#/components/schemas/User" }, required: true },
      responses: { "201": { contentType: "application/json", schema: { $ref: "#/components/schemas/User" } } },
    },
  },
};

const KEY = "kw_test_5f2a9c31";
const BASE = "https://api.example.test/v1";
// Only what these tests' handlers touch; their answers that break the spec get past the types with `as never`.
type Paths = {
  "/teams/{team_id}/users": {
    get: {
      parameters: { path: { team_id: string } };
      responses: {
        200: { content: { "application/json": { users: unknown[] } } };
        404: { content: { "application/json": object } };
      };
    };
  };
};
const fakeUsers = () => createFakeApi<Paths>({ spec, name: "Users" });
const member = (id: number) => ({ id: `u${id}`, email: `u${id}@example.com`, role: "member" });

describe("a violation says, in one line, which operation, request or response, where, expected and found", () => {
  it("a handler's answer that breaks the spec deep inside, once per place, every place", async () => {
    const fake = fakeUsers();
    fake.on(
      "GET /teams/{team_id}/users",
      () =>
        ({
          users: [
            member(0),
            member(1),
            member(2),
            { ...member(3), email: 7 },
            { id: "u4", email: "u4@example.com", role: "admin" },
            { id: "u5", role: "member" },
          ],
        }) as never,
    );
    const response = await fake.fetch(`${BASE}/teams/t1/users?limit=10`, { headers: { "x-api-key": KEY } });
    expect(response.status).toBe(400);
    expect(fake.violations).toEqual([
      'GET /teams/{team_id}/users: response 200 from the test\'s handler: body at /users/3/email: expected type "string", found number 7',
      'GET /teams/{team_id}/users: response 200 from the test\'s handler: body at /users/4/role: expected enum ["owner","member"], found string "admin"',
      'GET /teams/{team_id}/users: response 200 from the test\'s handler: body at /users/5: required property "email" is missing',
    ]);
    // The typed error users catch lists each of them on a line of its own.
    const error = (() => {
      try {
        fake.verify();
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(FakeApiError);
    expect((error as FakeApiError).message).toBe(`3 violations of the spec:\n- ${fake.violations.join("\n- ")}`);
  });

  it("a status the spec does not declare names the statuses it does", async () => {
    const fake = fakeUsers();
    fake.on("GET /teams/{team_id}/users", ({ reply }) => reply(409 as never, {} as never));
    await fake.fetch(`${BASE}/teams/t1/users?limit=10`, { headers: { "x-api-key": KEY } });
    expect(fake.violations).toEqual([
      "GET /teams/{team_id}/users: response 409 from the test's handler: a status the spec does not declare for this operation (it declares 200, 404)",
    ]);
  });

  it("an operation whose spec declares no response (OpenAPI 3.1 allows it) may answer any status and body", async () => {
    const silent: SpecData = {
      ...spec,
      operations: { "POST /pings": { id: "ping", security: [["ApiKey"]], parameters: [], responses: {} } },
    };
    type PingPaths = { "/pings": { post: { responses: {} } } };
    const fake = createFakeApi<PingPaths>({ spec: silent, name: "Pings" });
    const ping = () => fake.fetch(`${BASE}/pings`, { method: "POST", headers: { "x-api-key": KEY } });
    const unanswered = await ping();
    expect([unanswered.status, await unanswered.text()]).toEqual([200, ""]);
    fake.on("POST /pings", ({ reply }) => reply(202 as never, { queued: true } as never), { times: 1 });
    const answered = await ping();
    expect([answered.status, await answered.json()]).toEqual([202, { queued: true }]);
    fake.fail("POST /pings" as never, 503);
    expect((await ping()).status).toBe(503);
    expect(fake.violations).toEqual([]);
  });

  it("a handler that returns nothing where the response has a body says so", async () => {
    const fake = fakeUsers();
    fake.on("GET /teams/{team_id}/users", () => undefined as never);
    await fake.fetch(`${BASE}/teams/t1/users?limit=10`, { headers: { "x-api-key": KEY } });
    expect(fake.violations).toEqual([
      "GET /teams/{team_id}/users: response 200 from the test's handler: body: is missing (the handler returned undefined, but this response has a body (application/json): return it, or reply with a status declared without one)",
    ]);
  });

  it("a request's missing query parameter, wrong-typed body field and wrong credential header, each on its line", async () => {
    const fake = fakeUsers();
    await fake.fetch(`${BASE}/teams/t1/users`, { headers: { authorization: `Bearer ${KEY}` } });
    await fake.fetch(`${BASE}/users`, {
      method: "POST",
      headers: { "x-api-key": KEY, "content-type": "application/json" },
      body: JSON.stringify({ id: 12, email: "a@example.com", role: "member" }),
    });
    expect(fake.violations).toEqual([
      "GET /teams/{team_id}/users: request credentials: header X-Api-Key is required and missing (this operation takes X-Api-Key)",
      "GET /teams/{team_id}/users: request credentials: header Authorization is not one this operation takes (it takes X-Api-Key)",
      'GET /teams/{team_id}/users: request query parameter "limit": is required and missing',
      'POST /users: request body at /id: expected type "string", found number 12',
    ]);
    expect(fake.violations.join("\n")).not.toContain(KEY);
  });

  it("never shows a secret's value: a secret parameter, a property named like one, text that looks like a key", async () => {
    const fake = fakeUsers();
    await fake.fetch(`${BASE}/teams/t1/users?limit=sk_live_51Hx&access_token=hunter`, {
      headers: { "x-api-key": KEY },
    });
    await fake.fetch(`${BASE}/users`, {
      method: "POST",
      headers: { "x-api-key": KEY, "content-type": "application/json" },
      body: JSON.stringify({ id: "u1", email: "a@example.com", role: "member", password: 1234 }),
    });
    expect(fake.violations).toEqual([
      'GET /teams/{team_id}/users: request query parameter "limit": expected type "integer", found string of 12 characters',
      'GET /teams/{team_id}/users: request query parameter "access_token": expected type "integer", found string of 6 characters',
      'POST /users: request body at /password: expected type "string", found number',
    ]);
  });

  it("no value of a secret property or parameter ever reaches a violation (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 4, maxLength: 12 }).filter((text) => !/^-?\d+$/.test(text.trim())),
        async (secret) => {
          const fake = fakeUsers();
          await fake.fetch(`${BASE}/teams/t1/users?limit=1&access_token=${encodeURIComponent(secret)}`, {
            headers: { "x-api-key": secret },
          });
          await fake.fetch(`${BASE}/users`, {
            method: "POST",
            headers: { "x-api-key": KEY, "content-type": "application/json" },
            body: JSON.stringify({ id: "u1", email: "a@example.com", role: "member", password: [secret] }),
          });
          const text = fake.violations.join("\n");
          expect(fake.violations.length).toBeGreaterThan(0);
          expect(text).not.toContain(JSON.stringify(secret));
          expect(text).not.toContain(`string ${JSON.stringify(secret)}`);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("requireHandlers(): a call no handler of the test answers", () => {
  it("breaks the spec, naming the operation, where the fake would answer the spec's example", async () => {
    const fake = fakeUsers().requireHandlers();
    fake.on("GET /teams/{team_id}/users", () => ({ users: [member(0)] }));
    const answered = await fake.fetch(`${BASE}/teams/t1/users?limit=10`, { headers: { "x-api-key": KEY } });
    const unanswered = await fake.fetch(`${BASE}/users`, {
      method: "POST",
      headers: { "x-api-key": KEY, "content-type": "application/json" },
      body: JSON.stringify(member(1)),
    });
    expect([answered.status, unanswered.status]).toEqual([200, 400]);
    expect(fake.violations).toEqual([
      "POST /users: no handler of the test answers this call (requireHandlers() is on): install one with on, fail, items or disconnect",
    ]);
    // It stays on after a reset, as the fake's setting, not a test's handler.
    fake.reset();
    await fake.fetch(`${BASE}/teams/t1/users?limit=10`, { headers: { "x-api-key": KEY } });
    expect(fake.violations).toHaveLength(1);
  });

  it("is off by default: a call no handler answers gets the spec's example", async () => {
    const fake = fakeUsers();
    const response = await fake.fetch(`${BASE}/teams/t1/users?limit=10`, { headers: { "x-api-key": KEY } });
    expect(await response.json()).toEqual({ users: [] });
    expect(fake.violations).toEqual([]);
  });
});

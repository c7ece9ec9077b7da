// The extraction of Stack Auth's recorded responses (scripts/extract-e2e-responses.mjs) decides what
// e2e-responses.json claims the API sent: each of its parts reads exactly what a snapshot says, or
// refuses with a reason, never a guess.
import { describe, expect, it } from "vitest";
import { isWebhookAttempt, requestOf, snapshotsOf } from "../scripts/lib/e2e-source.mjs";
import { Instance, Placeholder, parseNicified, unescapeTemplate } from "../scripts/lib/nicified.mjs";
import { matchOperation } from "../scripts/lib/operation-match.mjs";
import { restoreBody, Unrestorable } from "../scripts/lib/placeholders.mjs";

/** A deterministic pseudo-random source (mulberry32), so a failing case is the same on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters that end or open something in the snapshot syntax, mixed into generated strings. */
const AWKWARD = ['"', "\\", "<", ">", "{", "}", "[", "]", ",", ":", "`", "${", "\t", "é", " ", "a", "Z", "0"];

/** A JSON value of bounded depth. */
function jsonValue(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 5 : 7));
  const text = () =>
    Array.from({ length: Math.floor(next() * 8) }, () => AWKWARD[Math.floor(next() * AWKWARD.length)]).join("");
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return Math.floor(next() * 2e12) * (next() < 0.2 ? -1 : 1) + (next() < 0.3 ? 0.5 : 0);
    case 3:
    case 4:
      return text();
    case 5:
      return Array.from({ length: Math.floor(next() * 6) }, () => jsonValue(next, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 5) }, () => [text(), jsonValue(next, depth + 1)]),
      );
  }
}

/**
 * Prints a JSON value as stack-shared's nicify does for one without line breaks in its strings:
 * objects of two entries or more one entry a line with trailing commas, lists inline when short.
 */
function nicify(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => nicify(item, inner));
    const multiline = items.length > 4 || items.some((x) => (items.length > 1 && x.length > 4) || x.includes("\n"));
    return multiline ? `[\n${items.map((x) => `${inner}${x},\n`).join("")}${indent}]` : `[${items.join(", ")}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${nicify(v, inner)}`);
    if (entries.length === 0) return "{}";
    if (entries.length === 1 && !entries[0]!.includes("\n")) return `{ ${entries[0]} }`;
    return `{\n${entries.map((x) => `${inner}${x},\n`).join("")}${indent}}`;
  }
  return JSON.stringify(value);
}

describe("reading a snapshot back (nicified.mjs)", () => {
  it("reads back 500 generated JSON values, awkward strings and all", () => {
    const next = random(20261205);
    for (let i = 0; i < 500; i++) {
      const value = jsonValue(next, 0);
      expect(parseNicified(nicify(value)), nicify(value)).toEqual(value);
    }
  });

  it("reads a response: its class names, a stripped field, hidden headers and the known-error header", () => {
    const snapshot = unescapeTemplate(`
      NiceResponse {
        "status": 200,
        "body": {
          "access_token": <stripped field 'access_token'>,
          "note": "say \\\\"hi\\\\" <b>, {ok}",
        },
        "headers": Headers {
          "x-stack-known-error": "USER_NOT_FOUND",
          <some fields may have been hidden>,
        },
      }
    `);
    expect(parseNicified(snapshot.trim())).toEqual(
      new Instance(
        "NiceResponse",
        {
          status: 200,
          body: { access_token: new Placeholder("stripped field 'access_token'"), note: 'say "hi" <b>, {ok}' },
          headers: new Instance("Headers", { "x-stack-known-error": "USER_NOT_FOUND" }, true),
        },
        false,
      ),
    );
  });

  it("reads a string with line breaks written as deindent`…`, with its final line break", () => {
    const snapshot = unescapeTemplate(
      '{\n  "a": deindent\\`\n    first\n      indented \\\\\\` tick\n    last\n  \\` + "\\\\n",\n  "b": 1,\n}',
    );
    expect(parseNicified(snapshot)).toEqual({ a: "first\n  indented ` tick\nlast\n", b: 1 });
  });

  it.each([
    ["a depth cut-off", '{ "a": { ... } }'],
    ["a list cut-off", '{ "a": [...], "b": 1 }'],
    ["a reference", '{ "a": Ref<vitestRef[0]> }'],
    ["a date", '{ "a": Date("2026-01-01T00:00:00.000Z") }'],
    ["undefined", '{ "a": undefined }'],
    ["hidden fields in a plain object", '{\n  "a": 1,\n  <some fields may have been hidden>,\n}'],
    ["text after the value", '{ "a": 1 } extra'],
    ["an unterminated string", '{ "a": "open }'],
  ])("refuses %s", (_what, text) => {
    expect(() => parseNicified(text)).toThrow();
  });
});

describe("restoring what the serializer stripped (placeholders.mjs)", () => {
  it("puts a stand-in of the field's type in, and lists each with its pointer and placeholder", () => {
    const { body, placeholders } = restoreBody({
      signed_up_at_millis: new Placeholder("stripped field 'signed_up_at_millis'"),
      items: [{ refresh_token: new Placeholder("stripped field 'refresh_token'") }],
      "a/b": "https://app.example.com/users/<stripped UUID>?code=%3Cstripped+query+param%3E",
      plain: "unchanged",
    });
    expect(body).toEqual({
      signed_up_at_millis: 1767225600000,
      items: [{ refresh_token: expect.stringMatching(/^[a-z0-9]{45}$/) }],
      "a/b": "https://app.example.com/users/e2e0e2e0-0000-4000-8000-000000000001?code=e2e-stripped",
      plain: "unchanged",
    });
    expect(placeholders).toEqual([
      { pointer: "/signed_up_at_millis", was: "<stripped field 'signed_up_at_millis'>" },
      { pointer: "/items/0/refresh_token", was: "<stripped field 'refresh_token'>" },
      { pointer: "/a~1b", was: "https://app.example.com/users/<stripped UUID>?code=%3Cstripped+query+param%3E" },
    ]);
  });

  it.each([
    ["a stripped field of unknown type", { hourly_counts: new Placeholder("stripped field 'hourly_counts'") }],
    ["a placeholder under another key than it names", { a: new Placeholder("stripped field 'secret'") }],
    ["a placeholder that is not a stripped field", { a: new Placeholder("stripped header 'x'") }],
    ["a class instance", { at: new Instance("Date", {}, false) }],
  ])("refuses %s", (_what, body) => {
    expect(() => restoreBody(body)).toThrow(Unrestorable);
  });
});

describe("matching a request to an operation (operation-match.mjs)", () => {
  const paths = {
    "/users/me": { get: {} },
    "/users/{user_id}": { get: {}, patch: {} },
    "/teams": { get: {} },
  };

  it.each([
    ["GET", "/api/v1/users/me", "GET /users/me"],
    ["GET", "/api/v1/users/${}", "GET /users/{user_id}"],
    ["PATCH", "/api/v1/users/me", "PATCH /users/{user_id}"],
    ["GET", "/api/v1/teams?user_id=${}&x=/a", "GET /teams"],
    ["GET", "/api/v1/teams/", "GET /teams"],
  ])("%s %s is %s", (method, url, operation) => {
    expect(matchOperation(paths, method, url)).toMatchObject({ operation });
  });

  it.each([
    ["GET", "/api/latest/teams"],
    ["DELETE", "/api/v1/teams"],
    ["GET", "/api/v1/${}"],
    ["GET", "/api/v1/users/me/extra"],
  ])("matches no operation to %s %s", (method, url) => {
    expect(matchOperation(paths, method, url)).toHaveProperty("skipped");
  });
});

describe("finding the request a snapshot answers (e2e-source.mjs)", () => {
  const SNAPSHOT = "expect(response).toMatchInlineSnapshot(`NiceResponse {}`);";
  /** A test file of one test whose body is `lines`. */
  const testFile = (...lines: string[]) =>
    ['it("does something", async ({ expect }) => {', ...lines.map((line) => `  ${line}`), "});"].join("\n");
  const requestIn = (source: string) => {
    const [found] = snapshotsOf(source);
    if (!found || !("snapshot" in found)) return found;
    return requestOf(source, found.at, found.snapshot.subject);
  };

  it("reads the method, the URL with its expressions and the access type of the options' own keys", () => {
    const source = testFile(
      "const response = await niceBackendFetch(`/api/v1/teams/${team.id}?user_id=${'me'}`, {",
      '  body: { method: "GET", nested: { accessType: "server" } },',
      '  accessType: "client",',
      '  method: "PATCH",',
      "});",
      SNAPSHOT,
    );
    expect(requestIn(source)).toMatchObject({
      method: "PATCH",
      url: "/api/v1/teams/${}?user_id=${}",
      accessType: "client",
    });
  });

  it("reads a URL written with the urlString tag as its template", () => {
    const source = testFile(
      'const response = await niceBackendFetch(urlString`/api/v1/user-api-keys/${key.id}?user_id=${userId}`, { accessType: "server" });',
      SNAPSHOT,
    );
    expect(requestIn(source)).toMatchObject({ method: "GET", url: "/api/v1/user-api-keys/${}?user_id=${}" });
  });

  it("reads a URL built with new URL(<literal>, STACK_BACKEND_BASE_URL)", () => {
    const source = testFile(
      'const response = await niceBackendFetch(new URL(`/api/v1/users/${id}`, STACK_BACKEND_BASE_URL), { accessType: "server", method: "DELETE" });',
      SNAPSHOT,
    );
    expect(requestIn(source)).toMatchObject({ method: "DELETE", url: "/api/v1/users/${}" });
  });

  it("tells a webhook Stack Auth sent, as Svix stored it, from a response", () => {
    const source = testFile(
      'const response = await Webhook.findWebhookAttempt(projectId, endpointId, svixToken, (e) => e.eventType === "team.created");',
      SNAPSHOT,
    );
    const [found] = snapshotsOf(source);
    expect(found && "snapshot" in found && isWebhookAttempt(source, found.at, found.snapshot.subject)).toBe(true);
    expect(requestIn(source)).toHaveProperty("skipped");
  });

  it("takes the last assignment before the snapshot", () => {
    const source = testFile(
      'let response = await niceBackendFetch("/api/v1/users/me", { accessType: "client" });',
      'response = await niceBackendFetch("/api/v1/teams", { accessType: "server" });',
      SNAPSHOT,
    );
    expect(requestIn(source)).toMatchObject({ method: "GET", url: "/api/v1/teams", accessType: "server" });
  });

  it.each([
    ["a URL held in a variable", ['const response = await niceBackendFetch(url, { accessType: "client" });']],
    ["a method held in a variable", ['const response = await niceBackendFetch("/api/v1/teams", { method });']],
    ["spread options", ['const response = await niceBackendFetch("/api/v1/teams", { ...options });']],
    ["options held in a variable", ['const response = await niceBackendFetch("/api/v1/teams", options);']],
    ["a response of a helper", ["const response = await Team.create();"]],
    ["a destructured response", ["const { response } = await Auth.signIn();"]],
    [
      "a response changed before its snapshot",
      [
        'const response = await niceBackendFetch("/api/v1/teams", { accessType: "client" });',
        'response.body.code = "<stripped code>";',
      ],
    ],
  ])("skips %s", (_what, lines) => {
    expect(requestIn(testFile(...lines, SNAPSHOT))).toHaveProperty("skipped");
  });

  it("skips a response assigned in an earlier test", () => {
    const source = [
      "let response;",
      testFile('response = await niceBackendFetch("/api/v1/teams", { accessType: "client" });'),
      testFile(SNAPSHOT),
    ].join("\n");
    expect(requestIn(source)).toHaveProperty("skipped");
  });

  it.each(["todo", "skip"])("skips the snapshot of an it.%s, which never ran", (modifier) => {
    const source = testFile(
      'const response = await niceBackendFetch("/api/v1/teams", { accessType: "client" });',
      SNAPSHOT,
    ).replace(/^it\(/, `it.${modifier}(`);
    expect(snapshotsOf(source)[0]).toHaveProperty("skipped");
  });
});

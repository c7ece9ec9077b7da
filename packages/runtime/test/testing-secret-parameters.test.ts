import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConfigurationError, secretParameters, type SecretParameterOption } from "../src/index.js";
import { createFakeApi, type FakeApi, type FakeCall, type SpecData } from "../src/testing/index.js";

// A fake takes the client's `secretParameters` and hides what that client hides: a parameter the app's client adds is
// never printed by the fake's recorded calls nor quoted by its violations, and one the client un-hides with `except`
// (an object store's `key`, a country `code`) shows there, for a failing test to show the value its author needs. A
// credential stays hidden whatever `except` says.

const spec: SpecData = {
  basePath: "/v1",
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  schemas: {},
  responses: {},
  operations: {
    "GET /objects/{key}": {
      id: "getObject",
      security: [["ApiKey"]],
      parameters: [
        { name: "key", in: "path", required: true, schema: { type: "string", maxLength: 12 } },
        { name: "session_ref", in: "query", schema: { type: "string", pattern: "^sr_" } },
        { name: "code", in: "query", schema: { type: "string", pattern: "^[A-Z]{2}$" } },
        { name: "X-Session-Ref", in: "header", schema: { type: "string", pattern: "^sr_" } },
      ],
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: {} } },
    },
    "POST /sessions/{session_ref}": {
      id: "renewSession",
      security: [["ApiKey"]],
      parameters: [{ name: "session_ref", in: "path", required: true, schema: { type: "string" } }],
      body: {
        contentType: "application/json",
        required: true,
        schema: { type: "object", properties: { session_ref: { type: "string" }, key: { type: "string" } } },
      },
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: {} } },
    },
    "POST /oauth/token": {
      id: "token",
      security: [],
      parameters: [],
      body: {
        contentType: "application/x-www-form-urlencoded",
        required: true,
        schema: {
          type: "object",
          properties: { grant_type: { type: "string" }, client_secret: { type: "string" }, code: { type: "string" } },
        },
      },
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: {} } },
    },
    "PUT /vaults/{token}": {
      id: "putVault",
      security: [["ApiKey"]],
      parameters: [{ name: "token", in: "path", required: true, schema: { type: "string" } }],
      // A spec the fake cannot read: its violation names the request's path.
      body: { contentType: "application/json", required: true, schema: { $ref: "#/components/schemas/Missing" } },
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: {} } },
    },
  },
};

const KEY = "kw_live_8c1f55e2a7";
const BASE = "https://api.example.test/v1";
const fakeOf = (secretParameters?: SecretParameterOption): FakeApi<unknown> =>
  createFakeApi({ spec, name: "Files", secretParameters });

// Values unlike any other text of a printed call (its names are in lower case), short enough to be quoted by a
// violation, without a key's look.
const value = fc.stringMatching(/^[a-z]{5,9}$/).map((text) => `V${text}`);

/** Every way a test's output shows a recorded call: console.log, a node:test or vitest diff, JSON. */
const printedForms = (call: FakeCall) => [
  inspect(call, { depth: 5 }),
  inspect([call], { depth: 5 }),
  JSON.stringify(call),
  JSON.stringify(call.headers),
];

async function recorded(fake: FakeApi<unknown>, path: string, headers: Record<string, string> = {}) {
  await fake.fetch(`${BASE}${path}`, { headers: { "x-api-key": KEY, ...headers } });
  return fake.calls().at(-1)!;
}

async function renewed(fake: FakeApi<unknown>, sessionRef: string) {
  await fake.fetch(`${BASE}/sessions/${sessionRef}`, {
    method: "POST",
    headers: { "x-api-key": KEY, "content-type": "application/json" },
    body: "{}",
  });
  return fake.calls().at(-1)!;
}

describe("a fake given the client's secretParameters, its recorded calls", () => {
  it("print a parameter the client adds as [REDACTED] in the URL's path and query, params and headers; code reads it as sent", async () => {
    const fake = fakeOf(["session_ref", "X-Session-Ref"]);
    const call = await renewed(fake, "sr_4Zq81mX");
    expect(call.url).toBe(`${BASE}/sessions/sr_4Zq81mX`);
    expect(call.params).toMatchObject({ path: { session_ref: "sr_4Zq81mX" } });
    for (const printed of printedForms(call)) expect(printed).not.toContain("sr_4Zq81mX");
    expect(JSON.parse(JSON.stringify(call)).url).toBe(`${BASE}/sessions/REDACTED`);

    const get = await recorded(fake, "/objects/a1?session_ref=sr_77Hfq2&code=DE", { "x-session-ref": "sr_Hd7p1Q" });
    expect(get.headers.get("x-session-ref")).toBe("sr_Hd7p1Q");
    for (const printed of printedForms(get)) {
      expect(printed).not.toContain("sr_77Hfq2");
      expect(printed).not.toContain("sr_Hd7p1Q");
      expect(printed).not.toContain(KEY);
    }
    expect(JSON.parse(JSON.stringify(get))).toMatchObject({
      url: `${BASE}/objects/REDACTED?session_ref=%5BREDACTED%5D&code=%5BREDACTED%5D`,
      params: { query: { session_ref: "[REDACTED]" }, header: { "X-Session-Ref": "[REDACTED]" } },
    });
    expect(JSON.parse(JSON.stringify(get.headers))).toMatchObject({ "x-session-ref": "[REDACTED]" });
  });

  it("take { add } as they take a list", async () => {
    const call = await renewed(fakeOf({ add: ["sessionRef"] }), "sr_4Zq81mX");
    for (const printed of printedForms(call)) expect(printed).not.toContain("sr_4Zq81mX");
  });

  it("print a parameter the client un-hides with except as sent, in the URL, params and violations", async () => {
    const fake = fakeOf({ except: ["key", "code"] });
    const call = await recorded(fake, "/objects/cat.jpg?code=DE");
    expect(JSON.parse(JSON.stringify(call))).toMatchObject({
      url: `${BASE}/objects/cat.jpg?code=DE`,
      params: { path: { key: "cat.jpg" }, query: { code: "DE" } },
    });
    for (const printed of printedForms(call).slice(0, 3)) expect(printed).toContain("cat.jpg");
    for (const printed of printedForms(call).slice(0, 3)) expect(printed).not.toContain(KEY);

    await fake.fetch(`${BASE}/objects/dog.jpg?code=de`, { headers: { "x-api-key": KEY } });
    expect(fake.violations).toEqual([
      `GET /objects/{key}: request query parameter "code": expected pattern "^[A-Z]{2}$", found string "de"`,
    ]);
  });

  it("without the option, hide the names the rule hides in any API, as the client does", async () => {
    const fake = fakeOf();
    const call = await recorded(fake, "/objects/cat.jpg?code=DE&session_ref=sr_1");
    expect(JSON.parse(JSON.stringify(call)).url).toBe(`${BASE}/objects/REDACTED?code=%5BREDACTED%5D&session_ref=sr_1`);
    await fake.fetch(`${BASE}/objects/dog.jpg?code=de`, { headers: { "x-api-key": KEY } });
    expect(fake.violations).toEqual([
      `GET /objects/{key}: request query parameter "code": expected pattern "^[A-Z]{2}$", found string of 2 characters`,
    ]);
  });

  it("print a credential as [REDACTED] whatever except says", async () => {
    const fake = fakeOf({ except: ["X-Api-Key", "Authorization", "key"] });
    const call = await recorded(fake, "/objects/cat.jpg", { authorization: `Bearer ${KEY}x` });
    for (const printed of printedForms(call)) expect(printed).not.toContain(KEY);
    expect(JSON.parse(JSON.stringify(call)).params.path).toEqual({ key: "cat.jpg" });
    expect(JSON.parse(JSON.stringify(call.headers))).toMatchObject({
      "x-api-key": "[REDACTED]",
      authorization: "[REDACTED]",
    });
  });
});

describe("a recorded call's body", () => {
  const posted = async (fake: FakeApi<unknown>, path: string, body: string, contentType = "application/json") => {
    await fake.fetch(`${BASE}${path}`, {
      method: "POST",
      headers: { "x-api-key": KEY, "content-type": contentType },
      body,
    });
    return fake.calls().at(-1)!;
  };

  it("prints a property named as a secret parameter as [REDACTED], at any depth, and one the client excepts as sent", async () => {
    const fake = fakeOf({ add: ["session_ref"], except: ["key"] });
    const body = { session_ref: "sr_4Zq81mX", key: "cat.jpg", grants: [{ password: "hunter2hunter2", scope: "read" }] };
    const call = await posted(fake, "/sessions/s1", JSON.stringify(body));
    expect(call.body).toEqual(body);
    for (const printed of printedForms(call)) {
      expect(printed).not.toContain("sr_4Zq81mX");
      expect(printed).not.toContain("hunter2hunter2");
    }
    expect(JSON.parse(JSON.stringify(call)).body).toEqual({
      session_ref: "[REDACTED]",
      key: "cat.jpg",
      grants: [{ password: "[REDACTED]", scope: "read" }],
    });
  });

  it("prints a form's secret fields as [REDACTED], as an OAuth token request sends them", async () => {
    const form = "grant_type=authorization_code&client_secret=cs_9fQ2mXz&code=492113";
    const hidden = await posted(fakeOf(), "/oauth/token", form, "application/x-www-form-urlencoded");
    expect(hidden.body).toEqual({ grant_type: "authorization_code", client_secret: "cs_9fQ2mXz", code: "492113" });
    expect(JSON.parse(JSON.stringify(hidden)).body).toEqual({
      grant_type: "authorization_code",
      client_secret: "[REDACTED]",
      code: "[REDACTED]",
    });
    const shown = await posted(fakeOf({ except: ["code"] }), "/oauth/token", form, "application/x-www-form-urlencoded");
    expect(JSON.parse(JSON.stringify(shown)).body).toMatchObject({ client_secret: "[REDACTED]", code: "492113" });
  });

  it("prints a body nested deeper than it searches without the secret in it", async () => {
    let body: unknown = { token: "tk_Deep81Qz" };
    for (let level = 0; level < 200; level++) body = { level: [body] };
    const call = await posted(fakeOf(), "/sessions/s1", JSON.stringify(body));
    for (const printed of printedForms(call)) expect(printed).not.toContain("tk_Deep81Qz");
  });

  it("never prints a value under a name the rule adds, wherever the body nests it (property)", async () => {
    const json = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom(1, "plain", null, true),
        fc.array(tie("node"), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom("a", "b", "items", "session_ref"), tie("node"), { maxKeys: 3 }),
      ),
    })).node;
    await fc.assert(
      fc.asyncProperty(json, value, async (tree, secret) => {
        // The secret under `session_ref` wherever the tree has one, and at its root.
        const planted = JSON.parse(JSON.stringify({ tree, session_ref: secret }), (name, item) =>
          name === "session_ref" ? secret : item,
        );
        const call = await posted(fakeOf(["session_ref"]), "/sessions/s1", JSON.stringify(planted));
        expect(call.body).toEqual(planted);
        for (const printed of printedForms(call)) expect(printed).not.toContain(secret);
      }),
      { numRuns: 60 },
    );
  });
});

describe("a fake given the client's secretParameters, its violations", () => {
  it("tell only the type of a parameter the client adds, in the path, query and header", async () => {
    const fake = fakeOf(["session_ref", "X-Session-Ref"]);
    await fake.fetch(`${BASE}/objects/a1?session_ref=ab12`, { headers: { "x-api-key": KEY, "x-session-ref": "cd34" } });
    expect(fake.violations).toEqual([
      `GET /objects/{key}: request query parameter "session_ref": expected pattern "^sr_", found string of 4 characters`,
      `GET /objects/{key}: request header parameter "X-Session-Ref": expected pattern "^sr_", found string of 4 characters`,
    ]);
  });

  it("tell only the type of a body property the client's rule adds, and the value of one it excepts", async () => {
    const fake = fakeOf({ add: ["session_ref"], except: ["key"] });
    await fake.fetch(`${BASE}/sessions/s1`, {
      method: "POST",
      headers: { "x-api-key": KEY, "content-type": "application/json" },
      body: JSON.stringify({ session_ref: 4711, key: 42 }),
    });
    expect(fake.violations).toEqual([
      `POST /sessions/{session_ref}: request body at /session_ref: expected type "string", found number`,
      `POST /sessions/{session_ref}: request body at /key: expected type "string", found number 42`,
    ]);
  });
});

describe("a fake's own errors, given the client's secretParameters", () => {
  it("name a dropped call's URL with the segment of a secret parameter REDACTED, and of an excepted one as sent", async () => {
    const dropped = async (fake: FakeApi<unknown>, path: string) => {
      fake.disconnect("GET /objects/{key}" as never);
      const sent = fake.fetch(`${BASE}${path}?session_ref=sr_q81mXa`, { headers: { "x-api-key": KEY } });
      return ((await sent.catch((error: unknown) => error)) as Error).message;
    };
    expect(await dropped(fakeOf(), "/objects/k3yQ81")).toBe(
      `Files fake: the connection of GET ${BASE}/objects/REDACTED was dropped`,
    );
    expect(await dropped(fakeOf({ except: ["key"] }), "/objects/cat.jpg")).toBe(
      `Files fake: the connection of GET ${BASE}/objects/cat.jpg was dropped`,
    );
  });

  it("name the path of a call to a method the path's operations do not take with a secret parameter's segment REDACTED", async () => {
    const wrongMethod = async (fake: FakeApi<unknown>, path: string) => {
      await fake.fetch(`${BASE}${path}`, { method: "DELETE", headers: { "x-api-key": KEY } });
      return fake.violations;
    };
    expect(await wrongMethod(fakeOf(), "/objects/k3yQ81")).toEqual([
      "DELETE /objects/REDACTED: the spec has no DELETE operation on this path (it has GET)",
    ]);
    expect(await wrongMethod(fakeOf(["session_ref"]), "/sessions/sr_4Zq81mX")).toEqual([
      "DELETE /sessions/REDACTED: the spec has no DELETE operation on this path (it has POST)",
    ]);
    expect(await wrongMethod(fakeOf({ except: ["key"] }), "/objects/cat.jpg")).toEqual([
      "DELETE /objects/cat.jpg: the spec has no DELETE operation on this path (it has GET)",
    ]);
  });

  it("name a path that fits several operations with the secret segments of each REDACTED", async () => {
    const operation = (parameter: string) => ({
      id: parameter,
      security: [],
      parameters: [{ name: parameter, in: "path" as const, required: true, schema: { type: "string" } }],
      responses: { "204": {} },
    });
    const fake = createFakeApi({
      spec: {
        basePath: "",
        securitySchemes: {},
        schemas: {},
        responses: {},
        operations: { "GET /links/{code}": operation("code"), "PUT /{otp}/open": operation("otp") },
      },
      name: "Links",
    });
    await fake.fetch("https://api.example.test/links/open", { method: "DELETE" });
    expect(fake.violations).toEqual([
      "DELETE /REDACTED/REDACTED: the spec has no DELETE operation on this path (it has GET, PUT)",
    ]);
  });

  it("name the path of a request the fake could not check with the segment of a secret parameter REDACTED", async () => {
    const fake = fakeOf();
    await fake.fetch(`${BASE}/vaults/vt_9Kq2mX7`, {
      method: "PUT",
      headers: { "x-api-key": KEY, "content-type": "application/json" },
      body: "{}",
    });
    expect(fake.violations).toEqual([
      expect.stringMatching(/^PUT \/v1\/vaults\/REDACTED: the fake could not check this request: /),
    ]);
    expect(fake.violations.join("\n")).not.toContain("vt_9Kq2mX7");
  });
});

describe("a fake's secretParameters that is neither a list of names nor { add, except }", () => {
  it.each([
    [5, "got a number"],
    ["session_ref", "got a string"],
    [{ exclude: ["key"] }, 'got an object with "exclude"'],
    [{ add: "session_ref" }, "got a string as add"],
  ])("%j is a ConfigurationError naming createFakeApi and what is wrong", (option, got) => {
    const make = () => createFakeApi({ spec, name: "Files", secretParameters: option as never });
    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(
      `createFakeApi: secretParameters must be a list of parameter names, or { add, except } with such lists, ${got}`,
    );
  });

  it("names the factory the test called, and a name in both add and except", () => {
    const make = () =>
      createFakeApi({
        spec,
        name: "Files",
        factory: "createFilesFake",
        secretParameters: { add: ["key"], except: ["KEY"] },
      });
    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(
      'createFilesFake: secretParameters names "key" both in add and in except: leave it in one of them',
    );
  });
});

/** A spec with one operation whose path, query and header parameters have these names. */
function specWith(path: string, query: string, header: string): SpecData {
  const text = { type: "string", pattern: "^ok$" };
  return {
    basePath: "",
    securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
    schemas: {},
    responses: {},
    operations: {
      [`GET /things/{${path}}`]: {
        id: "getThing",
        security: [["ApiKey"]],
        parameters: [
          { name: path, in: "path", required: true, schema: { type: "string" } },
          { name: query, in: "query", schema: text },
          { name: header, in: "header", schema: text },
        ],
        responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: {} } },
      },
    },
  };
}

const names = (filter: (name: string) => boolean) =>
  fc.tuple(
    fc.stringMatching(/^[a-z][a-z_]{2,10}$/).filter(filter),
    fc.stringMatching(/^[a-z][a-z_]{2,10}$/).filter(filter),
    fc.stringMatching(/^x-[a-z]{3,10}$/).filter(filter),
  );
const byDefault = secretParameters();
// Names the rule hides in any API, in the spellings a spec may give them.
const SECRET_NAMED = ["key", "code", "token", "client_secret", "access_token", "otp", "pin", "signature"];
const SECRET_HEADERS = ["x-token", "x-signature", "x-webhook-secret", "x-partner-api-key"];

/** The call the app made sending `values` as the path, query and header parameters `names` (the path's is the spec's). */
async function sentTo(fake: FakeApi<unknown>, [, query, header]: string[], [p, q, h]: string[]) {
  await fake.fetch(`https://api.example.test/things/${p}?${query}=${q}`, {
    headers: { "x-api-key": KEY, [header!]: h! },
  });
  return fake.calls()[0]!;
}

describe("a fake's secretParameters (property-based)", () => {
  it("add: a value the rule adds, in the path, query or a header, is in no printed call nor violation", async () => {
    await fc.assert(
      fc.asyncProperty(
        names((name) => !byDefault(name)),
        fc.tuple(value, value, value),
        async (named, values) => {
          const [path, query, header] = named;
          const fake = createFakeApi({ spec: specWith(path, query, header), name: "Things", secretParameters: named });
          const call = await sentTo(fake, named, values);
          expect(call.params).toEqual({
            path: { [path]: values[0] },
            query: { [query]: values[1] },
            header: { [header]: values[2] },
            cookie: {},
          });
          for (const printed of [...printedForms(call), ...fake.violations])
            for (const sent of values) expect(printed).not.toContain(sent);
          expect(fake.violations).toHaveLength(2);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("except: a value of a name the rule would hide, in the path, query or a header, shows in printed calls and violations", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(
          fc.constantFrom(...SECRET_NAMED),
          fc.constantFrom(...SECRET_NAMED),
          fc.constantFrom(...SECRET_HEADERS),
        ),
        fc.tuple(value, value, value),
        async (named, values) => {
          const [path, query, header] = named;
          const hidden = createFakeApi({ spec: specWith(path, query, header), name: "Things" });
          const shown = createFakeApi({
            spec: specWith(path, query, header),
            name: "Things",
            secretParameters: { except: named.map((name) => name.toUpperCase()) },
          });
          const hiddenCall = await sentTo(hidden, named, values);
          const shownCall = await sentTo(shown, named, values);
          for (const sent of values) {
            for (const printed of [...printedForms(hiddenCall), ...hidden.violations])
              expect(printed).not.toContain(sent);
            expect(inspect(shownCall, { depth: 5 })).toContain(`'${sent}'`);
            expect(JSON.stringify(shownCall)).toContain(`"${sent}"`);
          }
          expect(JSON.parse(JSON.stringify(shownCall)).url).toBe(
            `https://api.example.test/things/${values[0]}?${query}=${values[1]}`,
          );
          expect(shown.violations).toEqual([
            `GET /things/{${path}}: request query parameter "${query}": expected pattern "^ok$", found string "${values[1]}"`,
            `GET /things/{${path}}: request header parameter "${header}": expected pattern "^ok$", found string "${values[2]}"`,
          ]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

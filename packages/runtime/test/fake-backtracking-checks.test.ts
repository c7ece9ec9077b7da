import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFakeApi, type JsonSchema, type SpecData } from "../src/testing/index.js";

type Paths = {
  "/profiles": {
    post: {
      requestBody: { content: { "application/json": { picture?: string; callback?: string } } };
      responses: { 200: { content: { "application/json": { picture?: string } } } };
    };
  };
};

// Checks of a value against a spec's `pattern` or `url` format that a backtracking regular expression would make run
// for minutes: the fake must answer at once, with the violation the spec's rule makes.

/** BeezUP's pattern of a profile picture's URL: `([\/\w \.-]*)*` tries every way to split a path that cannot match. */
const BEEZUP_URL = "^(https?:\\/\\/)?([\\da-z\\.-]+)\\.([a-z\\.]{2,6})([\\/\\w \\.-]*)*\\/?$";
const GRAVATAR = "https://www.gravatar.com/avatar/205e460b479e2e5b48aec07710c08d50?d=mm";

function fakeOf(properties: Record<string, JsonSchema>) {
  const profile: JsonSchema = { type: "object", properties };
  const spec: SpecData = {
    basePath: "",
    securitySchemes: {},
    operations: {
      "POST /profiles": {
        id: "updateProfile",
        security: [],
        parameters: [],
        body: { contentType: "application/json", required: true, schema: profile },
        responses: { "200": { contentType: "application/json", schema: profile } },
      },
    },
    responses: {},
    schemas: {},
  };
  return createFakeApi<Paths>({ spec, name: "Profiles" });
}

const post = (fake: ReturnType<typeof fakeOf>, body: unknown) =>
  fake.fetch("https://api.example.test/profiles", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("fake API: patterns and formats that backtrack", () => {
  it("refuses a request's value that BeezUP's URL pattern does not match, naming the pattern", async () => {
    const fake = fakeOf({ picture: { type: "string", pattern: BEEZUP_URL } });

    expect((await post(fake, { picture: "https://example.com/avatars/a b.png" })).status).toBe(200);
    expect((await post(fake, { picture: GRAVATAR })).status).toBe(400);
    expect(fake.violations).toEqual([
      `POST /profiles: request body at /picture: expected pattern ${JSON.stringify(BEEZUP_URL)}, found string of ${GRAVATAR.length} characters`,
    ]);
  });

  it("reports a handler's answer that a nested quantifier's pattern does not match", async () => {
    const fake = fakeOf({ picture: { type: "string", pattern: "^(a+)+$" } });
    fake.on("POST /profiles", () => ({ picture: `${"a".repeat(40)}!` }));

    expect((await post(fake, {})).status).toBe(400);
    expect(fake.violations).toEqual([
      'POST /profiles: response 200 from the test\'s handler: body at /picture: expected pattern "^(a+)+$", found string of 41 characters',
    ]);
  });

  it("takes a url as fetch parses one: localhost, a host without dots; refuses text that is none", async () => {
    const fake = fakeOf({ callback: { type: "string", format: "url" } });

    for (const callback of [
      "http://localhost:3000/callback",
      `https://${"a".repeat(40)}`,
      "https://example.com/?q=1#top",
    ])
      expect((await post(fake, { callback })).status, callback).toBe(200);
    for (const callback of ["not a url", "https://exa mple.com/", "/relative/path", ` https://example.com/`])
      expect((await post(fake, { callback })).status, callback).toBe(400);
    expect(fake.violations).toHaveLength(4);
    expect(fake.violations[0]).toBe(
      'POST /profiles: request body at /callback: expected format "url", found string "not a url"',
    );
  });

  it("checks a pattern beside a format as two rules", async () => {
    const fake = fakeOf({ picture: { type: "string", format: "uuid", pattern: "^0" } });

    expect((await post(fake, { picture: "0f2a6c1e-8b7d-4e2a-9c4f-1d2e3f4a5b6c" })).status).toBe(200);
    expect((await post(fake, { picture: "3f2a6c1e-8b7d-4e2a-9c4f-1d2e3f4a5b6c" })).status).toBe(400);
    expect((await post(fake, { picture: "0-not-a-uuid" })).status).toBe(400);
    expect(fake.violations).toEqual([
      'POST /profiles: request body at /picture: expected pattern "^0", found string of 36 characters',
      'POST /profiles: request body at /picture: expected format "uuid", found string of 12 characters',
    ]);
  });

  it("accepts exactly the values the pattern matches as JavaScript reads it", async () => {
    const patterns = ["^[a-z0-9]+(-[a-z0-9]+)*$", "^\\d{3}-\\d{4}$", "^(?!.*--)[a-z-]+$", "[A-Z]", "^\\p{Lu}\\w*$"];
    const fake = fakeOf(
      Object.fromEntries(patterns.map((pattern, index) => [`p${index}`, { type: "string", pattern }])),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: patterns.length - 1 }),
        fc.string({ unit: fc.constantFrom("a", "Z", "0", "7", "-", "_", " ", "É", "😀"), maxLength: 12 }),
        async (index, text) => {
          fake.reset();
          const status = (await post(fake, { [`p${index}`]: text })).status;
          expect(status === 200).toBe(new RegExp(patterns[index]!, "u").test(text));
        },
      ),
      { numRuns: 300 },
    );
  });
});

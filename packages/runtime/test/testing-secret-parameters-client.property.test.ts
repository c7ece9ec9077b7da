import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApiError, createApiClient, secretParameters, type SecretParameterOption, unwrap } from "../src/index.js";
import { createFakeApi, type SpecData } from "../src/testing/index.js";
import { apiKeyAuth, SECRET } from "./harness.js";

// The fake and the client given one `secretParameters` hide the same path segments: what a failed call's error names
// and what the fake's recorded call prints agree, whatever the rule adds or excepts.

const BASE = "https://api.example.test/v1";
const securitySchemes = { ApiKey: { header: "X-Api-Key", secret: true } };
const security = [["ApiKey"]];

function apiOf(name: string) {
  const operation = `GET /things/{${name}}`;
  const spec: SpecData = {
    basePath: "/v1",
    securitySchemes,
    schemas: {},
    responses: {},
    operations: {
      [operation]: {
        id: "getThing",
        security,
        parameters: [{ name, in: "path", required: true, schema: { type: "string" } }],
        responses: { "404": { contentType: "application/json", schema: { type: "object" }, example: {} } },
      },
    },
  };
  return { operation, spec, meta: { securitySchemes, operations: { [operation]: { id: "getThing", security } } } };
}

const byDefault = secretParameters();
const SECRET_NAMED = ["key", "code", "token", "client_secret", "access_token", "otp", "pin", "signature"];
type Ruled = [name: string, rule: SecretParameterOption | undefined];
const ruled = (name: string, rule?: SecretParameterOption): Ruled => [name, rule];
const rules: fc.Arbitrary<Ruled> = fc.oneof(
  fc.stringMatching(/^[a-z][a-z_]{2,10}$/).map((name) => ruled(name)),
  fc
    .stringMatching(/^[a-z][a-z_]{2,10}$/)
    .filter((name) => !byDefault(name))
    .map((name) => ruled(name, [name])),
  fc.constantFrom(...SECRET_NAMED).map((name) => ruled(name, { except: [name] })),
  fc.constantFrom(...SECRET_NAMED).map((name) => ruled(name, { add: ["other_ref"] })),
);

describe("a fake and a client given one secretParameters (property-based)", () => {
  it("hide the same path segment: the error's URL and the recorded call's printed URL name one path", async () => {
    await fc.assert(
      fc.asyncProperty(rules, fc.stringMatching(/^[A-Za-z0-9_-]{4,16}$/), async ([name, rule], value) => {
        const { operation, spec, meta } = apiOf(name);
        const fake = createFakeApi({ spec, name: "Things", secretParameters: rule });
        const { client } = createApiClient<Record<string, never>>({
          meta,
          baseUrl: BASE,
          auth: apiKeyAuth(),
          fetch: fake.fetch,
          maxRetries: 0,
          secretParameters: rule,
        });
        fake.fail(operation as never, 404 as never);
        const call = client.GET(`/things/{${name}}` as never, { params: { path: { [name]: value } } } as never);
        const error = await unwrap(call).catch((thrown: unknown) => thrown);
        expect(error).toBeInstanceOf(ApiError);
        const printed = JSON.parse(JSON.stringify(fake.calls()[0])) as { url: string };
        const hidden = rule === undefined ? byDefault(name) : secretParameters(rule)(name);
        expect(new URL(printed.url).pathname).toBe(`/v1/things/${hidden ? "REDACTED" : value}`);
        expect(new URL((error as ApiError).url).pathname).toBe(new URL(printed.url).pathname);
        expect(JSON.stringify(fake.calls())).not.toContain(SECRET);
      }),
      { numRuns: 80 },
    );
  });
});

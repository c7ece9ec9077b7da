// A call whose every security alternative lacks a credential fails before it is sent with a MissingCredentialError
// that names what the caller has to add: the credentials missing from the alternative that the call came closest to
// filling, not from whichever the spec lists first; in the client's words where it knows why none is at hand.
import fc from "fast-check";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import {
  type ApiMeta,
  type Credential,
  createHeaderAuth,
  type HeaderAuthOptions,
  MissingCredentialError,
} from "../src/index.js";
import { recordingClient } from "./fixtures.js";

/** Security schemes S0…S3, each in its own header, none a secret (so a value shows in what a test prints). */
const SCHEMES = ["S0", "S1", "S2", "S3"] as const;
type SchemeName = (typeof SCHEMES)[number];

function metaFor(security: readonly (readonly SchemeName[])[]): ApiMeta {
  const securitySchemes = Object.fromEntries(SCHEMES.map((s) => [s, { header: `X-${s}`, secret: false }]));
  return { securitySchemes, operations: { "GET /op": { id: "op", security } } };
}

/** A client of `GET /op`, secured by `security`, whose fetch records what would leave the process. */
function clientFor(security: readonly (readonly SchemeName[])[], options: Omit<HeaderAuthOptions<SchemeName>, "meta">) {
  const sent: Request[] = [];
  const client = createClient<{ "/op": { get: { responses: { 200: { content: { "text/plain": string } } } } } }>({
    baseUrl: "https://api.example.test",
    fetch: async (request: Request) => (sent.push(request), new Response("ok")),
  });
  client.use(createHeaderAuth({ meta: metaFor(security), ...options }));
  return { client, sent };
}

describe("the credentials a MissingCredentialError names", () => {
  it("are those of the alternative with the fewest missing, not of the first one listed", async () => {
    // GET /me takes ApiKey and UserToken, or ApiKey alone: without a key, the key is all that is missing.
    const { client, sent } = recordingClient({ credentials: {} });
    const failure = await client.GET("/me").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MissingCredentialError);
    expect(failure).toMatchObject({ operation: "getMe", headers: ["X-Api-Key"] });
    expect((failure as Error).message).toMatch(/^getMe needs "X-Api-Key", but no value is configured/);
    expect(sent).toEqual([]);
  });

  it("are the first alternative's when two lack as many", async () => {
    const { client } = recordingClient({ credentials: {} });
    await expect(client.GET("/either")).rejects.toMatchObject({ headers: ["Authorization"], operation: "getEither" });
  });

  it("say the client's reason, and what to do, where it gives one for every missing credential", async () => {
    // A session-only operation, or one that also takes a publishable key (Stack Auth's /users/me).
    const options = {
      credentials: { S1: () => undefined },
      credentialNames: { S1: "session.token" },
      missingCredentialHints: { S1: "no user is signed in: sign in first" },
    };
    const { client, sent } = clientFor([["S0", "S1"], ["S1"]], options);
    await expect(client.GET("/op")).rejects.toThrow(
      'op needs "X-S1" (the session.token option), but no user is signed in: sign in first',
    );
    // An alternative that also lacks a credential without a hint gets the default advice (the session's provider is
    // not asked once the key is missing, so only the key is named).
    const { client: keyed } = clientFor([["S0", "S1"]], options);
    await expect(keyed.GET("/op")).rejects.toThrow(/^op needs "X-S0", but no value is configured/);
    expect(sent).toEqual([]);
  });

  it("refuses a hint map that is not an object", () => {
    const options = { meta: metaFor([["S0"]]), credentials: {}, missingCredentialHints: "sign in" };
    expect(() => createHeaderAuth(options as never)).toThrow(
      "createHeaderAuth: missingCredentialHints must be an object, not a string",
    );
  });
});

describe("for any security alternatives and any credentials at hand (property)", () => {
  const alternative = fc.uniqueArray(fc.constantFrom(...SCHEMES), { minLength: 1, maxLength: 4 });
  const scenario = fc.record({
    security: fc.array(alternative, { minLength: 1, maxLength: 4 }),
    // Each scheme: a fixed value, a provider's value, a provider returning nothing, or nothing configured.
    given: fc.tuple(...SCHEMES.map(() => fc.constantFrom("fixed", "provided", "provider-none", "absent"))),
    hinted: fc.subarray([...SCHEMES]),
  });

  it("a call is sent with the first complete alternative, or names the missing ones of one that lacks the fewest", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ security, given, hinted }) => {
        const kind = Object.fromEntries(SCHEMES.map((s, i) => [s, given[i]!]));
        const credentials = Object.fromEntries(
          SCHEMES.flatMap((s): [SchemeName, Credential][] => {
            if (kind[s] === "fixed") return [[s, `value-${s}`]];
            if (kind[s] === "provided") return [[s, () => `value-${s}`]];
            return kind[s] === "provider-none" ? [[s, () => undefined]] : [];
          }),
        );
        const hints = Object.fromEntries(hinted.map((s) => [s, `hint for ${s}`]));
        const { client, sent } = clientFor(security, { credentials, missingCredentialHints: hints });
        const outcome = await client.GET("/op").catch((error: unknown) => error);

        const lacking = security.map((names) => names.filter((s) => kind[s] !== "fixed" && kind[s] !== "provided"));
        const complete = lacking.findIndex((names) => names.length === 0);
        if (complete !== -1) {
          expect(sent).toHaveLength(1);
          const headers = [...sent[0]!.headers.keys()].filter((h) => h.startsWith("x-s")).sort();
          expect(headers).toEqual(security[complete]!.map((s) => `x-${s.toLowerCase()}`).sort());
          return;
        }
        expect(sent).toEqual([]);
        expect(outcome).toBeInstanceOf(MissingCredentialError);
        const named = (outcome as MissingCredentialError).headers;
        // It names missing credentials only, all from one alternative that lacks them.
        const missing = new Set(lacking.flat().map((s) => `X-${s}`));
        expect(named.length).toBeGreaterThan(0);
        for (const header of named) expect(missing).toContain(header);
        expect(lacking.some((names) => named.every((header) => names.includes(header.slice(2) as SchemeName)))).toBe(
          true,
        );
        // No alternative whose every credential could be looked up without a provider lacks fewer.
        const looked = lacking.filter((_, i) => security[i]!.every((s) => kind[s] === "fixed" || kind[s] === "absent"));
        for (const names of looked) expect(named.length).toBeLessThanOrEqual(names.length);
        const reasons = named.map((header) => hints[header.slice(2)]);
        const message = (outcome as Error).message;
        if (reasons.every((r) => r !== undefined)) expect(message).toContain(`but ${[...new Set(reasons)].join("; ")}`);
        else expect(message).toContain("but no value is configured");
      }),
      { numRuns: 300 },
    );
  });
});

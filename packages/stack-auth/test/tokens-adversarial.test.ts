import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import { sendJson, type Handler } from "@keyway/test-server";
import fc from "fast-check";
import { base64url, exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createAccessTokenVerifier } from "../src/tokens.js";
import { PROJECT_ID, server } from "./setup.js";

let keys: Awaited<ReturnType<typeof generateKeyPair>>;
let attackerKeys: Awaited<ReturnType<typeof generateKeyPair>>;
let publicJwk: Record<string, unknown>;
beforeAll(async () => {
  keys = await generateKeyPair("ES256", { extractable: true });
  attackerKeys = await generateKeyPair("ES256");
  publicJwk = { ...(await exportJWK(keys.publicKey)), kid: "key-1", alg: "ES256" };
});
afterEach(() => {
  vi.useRealTimers();
});

const keySetPath = `/api/v1/projects/${PROJECT_ID}/.well-known/jwks.json`;
const serveKeys: Handler = (_req, res) => sendJson(res, 200, { keys: [publicJwk] });

/** A key set on 127.0.0.1 answering as `handler` does (the project's key by default), and a verifier pointed at it. */
async function verifierAgainst(handler: Handler = serveKeys) {
  const jwks = await server(handler);
  const baseUrl = `${jwks.url}/api/v1`;
  return { verify: createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl }), jwks, baseUrl };
}

function signed(baseUrl: string, { claims = {}, kid = "key-1", key = keys.privateKey, expiresIn = "10m" } = {}) {
  return new SignJWT({ project_id: PROJECT_ID, role: "authenticated", ...claims })
    .setProtectedHeader({ alg: "ES256", kid })
    .setSubject("3f0e2b1c-0000-4000-8000-000000000001")
    .setIssuer(`${baseUrl}/projects/${PROJECT_ID}`)
    .setAudience(PROJECT_ID)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

const segment = (value: unknown) => base64url.encode(JSON.stringify(value));

/** What a log line could show of an error. */
function shown(error: unknown): string {
  return `${String(error)} ${inspect(error, { depth: 8 })} ${JSON.stringify(error)} ${String((error as Error).cause)}`;
}

describe("a token's claims cannot choose how it is refused", () => {
  const anonymous = { is_anonymous: true, is_restricted: true, restricted_reason: { type: "anonymous" } };

  it("a token signed by another key is a signature failure, whatever kind of user it claims", async () => {
    const { verify, baseUrl } = await verifierAgainst();
    await fc.assert(
      fc.asyncProperty(
        fc.record({ is_anonymous: fc.boolean(), is_restricted: fc.boolean() }, { requiredKeys: [] }),
        async (claims) => {
          const forged = await signed(baseUrl, { claims, key: attackerKeys.privateKey });
          await expect(verify(forged)).rejects.toMatchObject({
            name: "InvalidAccessTokenError",
            reason: "signature",
            message: "The access token's signature does not match the project's keys",
          });
        },
      ),
      { numRuns: 12 },
    );
  });

  it("alg none, HS256 keyed with the public key, no signature, or an alg the key does not declare: refused as such", async () => {
    const { verify, baseUrl } = await verifierAgainst();
    const payload = (await signed(baseUrl, { claims: anonymous })).split(".")[1]!;
    const signedInPayload = (await signed(baseUrl)).split(".")[1]!;
    const hs256Header = segment({ alg: "HS256", kid: "key-1" });
    const hs256Signature = createHmac("sha256", JSON.stringify(publicJwk))
      .update(`${hs256Header}.${payload}`)
      .digest("base64url");
    const forgeries = [
      [`${segment({ alg: "none", kid: "key-1" })}.${payload}.`, "malformed", "ERR_JOSE_NOT_SUPPORTED"],
      [`${segment({ alg: "none" })}.${payload}.`, "malformed", "ERR_JOSE_NOT_SUPPORTED"],
      [`${hs256Header}.${payload}.${hs256Signature}`, "malformed", "ERR_JOSE_NOT_SUPPORTED"],
      [`${segment({ alg: "ES384", kid: "key-1" })}.${signedInPayload}.${"A".repeat(128)}`, "signature", undefined],
      [`${segment({ alg: "ES256", kid: "key-1" })}.${payload}.`, "signature", undefined],
    ] as const;
    for (const [forged, reason, code] of forgeries) {
      const error = await verify(forged).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "InvalidAccessTokenError", reason });
      if (code) expect((error as Error).message).toBe(`The access token is not a valid JWT (${code})`);
      expect((error as Error).message).not.toContain("allowAnonymous");
    }
  });
});

describe("token size", () => {
  it("a token over 16 KiB is malformed, refused before the key set is fetched for it", async () => {
    const { verify, jwks, baseUrl } = await verifierAgainst();
    const header = segment({ alg: "ES256", kid: "a-kid-not-in-the-key-set" });
    const huge = `${header}.${segment({ pad: "a".repeat(16 * 1024) })}.${"A".repeat(86)}`;
    await expect(verify(huge)).rejects.toMatchObject({
      name: "InvalidAccessTokenError",
      reason: "malformed",
      message: `The access token is not a valid JWT (${huge.length} characters, more than the 16384 a Stack Auth token can have)`,
    });
    expect(jwks.requests).toEqual([]);
    // A token of the greatest length taken is verified as usual.
    const token = await signed(baseUrl);
    const nameLength = Math.floor(((16 * 1024 - token.length) * 3) / 4) - 16; // base64url: 4 characters per 3 bytes
    const padded = await signed(baseUrl, { claims: { name: "n".repeat(nameLength) } });
    expect(padded.length).toBeGreaterThan(16 * 1024 - 40);
    expect(padded.length).toBeLessThanOrEqual(16 * 1024);
    await expect(verify(padded)).resolves.toMatchObject({ sub: "3f0e2b1c-0000-4000-8000-000000000001" });
  });
});

describe("a key set that cannot be fetched is not fetched again for every token", () => {
  const failing: Handler = (_req, res) => sendJson(res, 500, { error: "down" });

  it("after a failed fetch, tokens are refused unfetched for 5 seconds, then the key set is asked for again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { verify, jwks, baseUrl } = await verifierAgainst(failing);
    const token = await signed(baseUrl);
    for (let i = 0; i < 20; i++)
      await expect(verify(token)).rejects.toMatchObject({
        name: "KeySetUnavailableError",
        message: `The project's key set (JWKS) at ${baseUrl}${keySetPath.slice("/api/v1".length)} is unavailable: Expected 200 OK from the JSON Web Key Set HTTP response`,
      });
    expect(jwks.requests.map((request) => request.url)).toEqual([keySetPath]);

    vi.setSystemTime(Date.now() + 4_999);
    await expect(verify(token)).rejects.toMatchObject({ name: "KeySetUnavailableError" });
    expect(jwks.requests).toHaveLength(1);

    vi.setSystemTime(Date.now() + 1);
    jwks.handle(serveKeys);
    await expect(verify(token)).resolves.toMatchObject({ sub: "3f0e2b1c-0000-4000-8000-000000000001" });
    expect(jwks.requests).toHaveLength(2);
  });

  it("tokens with random kids while the key set fails: known keys still verify, one fetch per 5 seconds", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { verify, jwks, baseUrl } = await verifierAgainst();
    const token = await signed(baseUrl);
    await verify(token);
    vi.setSystemTime(Date.now() + 31_000); // past jose's 30 s between fetches for a kid it has not seen
    jwks.handle(failing);
    const randomKids = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signed(baseUrl, { kid: `rotated-${i}`, key: attackerKeys.privateKey })),
    );
    for (const forged of randomKids) {
      await expect(verify(forged)).rejects.toMatchObject({ name: "KeySetUnavailableError" });
      await expect(verify(token)).resolves.toMatchObject({ sub: "3f0e2b1c-0000-4000-8000-000000000001" });
    }
    expect(jwks.requests).toHaveLength(2);
  });
});

describe("issuers", () => {
  it.each(["https://API.HEXCLAVE.COM/api/v1", "https://api.hexclave.com:443/api/v1/"])(
    "a baseUrl of %s accepts the issuer Hexclave writes, and Stack Auth's",
    async (baseUrl) => {
      const verify = createAccessTokenVerifier({
        projectId: PROJECT_ID,
        baseUrl,
        fetch: async () => Response.json({ keys: [publicJwk] }),
      });
      for (const issuedBy of ["https://api.hexclave.com/api/v1", "https://api.stack-auth.com/api/v1"])
        await expect(verify(await signed(issuedBy))).resolves.toMatchObject({
          iss: `${issuedBy}/projects/${PROJECT_ID}`,
        });
    },
  );
});

describe("what errors show", () => {
  it("an expired or refused token's error holds none of its claims, in String, inspect, JSON or cause", async () => {
    const { verify, baseUrl } = await verifierAgainst();
    const claims = { email: "MARKER_ada@example.com", name: "MARKER_Ada", refresh_token_id: "MARKER_session" };
    const expired = await signed(baseUrl, { claims, expiresIn: "-1h" });
    const notYet = await signed(baseUrl, { claims: { ...claims, nbf: Math.floor(Date.now() / 1000) + 3600 } });
    for (const [token, reason] of [
      [expired, "expired"],
      [notYet, "claim"],
    ] as const) {
      const error = await verify(token).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "InvalidAccessTokenError", reason });
      expect(shown(error)).not.toContain("MARKER");
      expect(shown(error)).not.toContain(token.split(".")[1]!.slice(0, 40));
    }
  });
});

describe("what malformed tokens' errors show", () => {
  it("text that decodes from a segment of something passed as a token is not quoted, however deep the cause", async () => {
    const { verify } = await verifierAgainst();
    const secret = "ssk_MARKER_secret_passed_by_mistake";
    for (const notAToken of [
      `${base64url.encode(secret)}.e30.AAAA`,
      `${base64url.encode(`{"alg":"ES256","kid":"${secret}"`)}.e30.AAAA`,
      `${segment({ alg: "ES256", kid: "key-1" })}.${base64url.encode(secret)}.AAAA`,
    ]) {
      const error = await verify(notAToken).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "InvalidAccessTokenError" });
      expect(shown(error)).not.toContain("MARKER");
    }
  });
});

describe("clockToleranceSeconds", () => {
  it.each([
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [-1, "-1"],
    ["5", '"5"'],
    [Symbol("s"), "Symbol(s)"],
    // Objects no template literal can turn into text: named, never converted.
    [Object.create(null), "an object"],
    [{ toString: false, valueOf: false }, "an object"],
  ] as [number, string][])(
    "%s is a ConfigurationError when the verifier is made, before any request",
    (clockToleranceSeconds, shown) => {
      const fetch = vi.fn<typeof globalThis.fetch>();
      expect(() => createAccessTokenVerifier({ projectId: PROJECT_ID, clockToleranceSeconds, fetch })).toThrow(
        expect.objectContaining({
          name: "ConfigurationError",
          message: `createAccessTokenVerifier: clockToleranceSeconds must be a finite number of seconds (0 or more), got ${shown}`,
        }),
      );
      expect(fetch).not.toHaveBeenCalled();
    },
  );
});

describe("a token signed by the project's key but saying nothing of whose it is or until when", () => {
  it("without sub or exp: refused as a claim failure naming the claim", async () => {
    const { verify, baseUrl } = await verifierAgainst();
    const bare = (omit: "sub" | "exp") => {
      const token = new SignJWT({ project_id: PROJECT_ID, role: "authenticated" })
        .setProtectedHeader({ alg: "ES256", kid: "key-1" })
        .setIssuer(`${baseUrl}/projects/${PROJECT_ID}`)
        .setAudience(PROJECT_ID)
        .setIssuedAt();
      if (omit !== "sub") token.setSubject("3f0e2b1c-0000-4000-8000-000000000001");
      if (omit !== "exp") token.setExpirationTime("10m");
      return token.sign(keys.privateKey);
    };
    for (const claim of ["sub", "exp"] as const)
      await expect(verify(await bare(claim))).rejects.toMatchObject({
        name: "InvalidAccessTokenError",
        reason: "claim",
        message: `The access token's "${claim}" claim is not accepted (missing)`,
      });
    await expect(verify(await signed(baseUrl))).resolves.toMatchObject({ project_id: PROJECT_ID });
  });
});

describe("a token signed by the project's key whose sub is not a user's id", () => {
  it("a sub that is not a non-empty string is refused as a claim failure, whatever JSON it is", async () => {
    const { verify, baseUrl } = await verifierAgainst();
    const notAnId = fc.oneof(
      fc.constant(""),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(notAnId, async (sub) => {
        const claims: Record<string, unknown> = { project_id: PROJECT_ID, role: "authenticated", sub };
        const token = await new SignJWT(claims)
          .setProtectedHeader({ alg: "ES256", kid: "key-1" })
          .setIssuer(`${baseUrl}/projects/${PROJECT_ID}`)
          .setAudience(PROJECT_ID)
          .setIssuedAt()
          .setExpirationTime("10m")
          .sign(keys.privateKey);
        await expect(verify(token)).rejects.toMatchObject({
          name: "InvalidAccessTokenError",
          reason: "claim",
          message: `The access token's "sub" claim is not accepted (not a user's id)`,
        });
      }),
      { numRuns: 25 },
    );
  });
});

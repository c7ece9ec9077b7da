import { SignJWT, exportJWK, generateKeyPair } from "jose";
import { sendJson } from "@keyway/test-server";
import { ConfigurationError } from "@keyway/runtime";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { InvalidAccessTokenError, createAccessTokenVerifier } from "../src/tokens.js";
import { PROJECT_ID, server } from "./setup.js";

let keys: Awaited<ReturnType<typeof generateKeyPair>>;
let otherKeys: Awaited<ReturnType<typeof generateKeyPair>>;
beforeAll(async () => {
  keys = await generateKeyPair("ES256");
  otherKeys = await generateKeyPair("ES256");
});

/** A JWKS endpoint on 127.0.0.1 serving the project's public key, and a verifier pointed at it. */
async function verifierAgainstJwks() {
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: "key-1", alg: "ES256" };
  const jwks = await server((_req, res) => sendJson(res, 200, { keys: [jwk] }));
  const baseUrl = `${jwks.url}/api/v1`;
  return {
    verify: createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl }),
    issuer: `${baseUrl}/projects/${PROJECT_ID}`,
    jwks,
  };
}

function token(issuer: string, { audience = PROJECT_ID, expiresIn = "10m", key = keys.privateKey } = {}) {
  return new SignJWT({ project_id: PROJECT_ID, role: "authenticated" })
    .setProtectedHeader({ alg: "ES256", kid: "key-1" })
    .setSubject("3f0e2b1c-0000-4000-8000-000000000001")
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

describe("local access-token verification against the project's JWKS", () => {
  it("accepts a valid token and returns its claims, fetching the JWKS from the project's path", async () => {
    const { verify, issuer, jwks } = await verifierAgainstJwks();
    const claims = await verify(await token(issuer));
    expect(claims.sub).toBe("3f0e2b1c-0000-4000-8000-000000000001");
    expect(jwks.requests[0]!.url).toBe(`/api/v1/projects/${PROJECT_ID}/.well-known/jwks.json`);
  });

  it("rejects an expired token", async () => {
    const { verify, issuer } = await verifierAgainstJwks();
    const expired = await token(issuer, { expiresIn: "-1m" });
    await expect(verify(expired)).rejects.toMatchObject({ reason: "expired" });
  });

  it("rejects another issuer and another audience", async () => {
    const { verify, issuer } = await verifierAgainstJwks();
    await expect(verify(await token("https://evil.example/projects/x"))).rejects.toMatchObject({
      reason: "claim",
      message: expect.stringContaining('"iss"'),
    });
    await expect(verify(await token(issuer, { audience: "another-project" }))).rejects.toMatchObject({
      reason: "claim",
      message: expect.stringContaining('"aud"'),
    });
  });

  it("rejects a token signed by another key, and garbage", async () => {
    const { verify, issuer } = await verifierAgainstJwks();
    await expect(verify(await token(issuer, { key: otherKeys.privateKey }))).rejects.toMatchObject({
      reason: "signature",
    });
    await expect(verify("not-a-jwt")).rejects.toBeInstanceOf(InvalidAccessTokenError);
  });
});

describe("createAccessTokenVerifier's options", () => {
  it("asks the given fetch for the key set, as jose sends it: a GET that follows no redirect", async () => {
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: "key-1", alg: "ES256" };
    const asked: Request[] = [];
    const verify = createAccessTokenVerifier({
      projectId: PROJECT_ID,
      fetch: async (input, init) => {
        asked.push(new Request(input, init));
        return Response.json({ keys: [jwk] });
      },
    });
    const claims = await verify(await token(`https://api.stack-auth.com/api/v1/projects/${PROJECT_ID}`));
    expect(claims.sub).toBe("3f0e2b1c-0000-4000-8000-000000000001");
    expect(asked.map(({ method, url, redirect }) => `${method} ${url} ${redirect}`)).toEqual([
      `GET https://api.stack-auth.com/api/v1/projects/${PROJECT_ID}/.well-known/jwks.json manual`,
    ]);
  });

  it.each([
    [
      "not a URL",
      "api.stack-auth.com",
      'baseUrl must be an http(s) URL such as "https://api.stack-auth.com/api/v1", got "api.stack-auth.com"',
    ],
    [
      "another scheme",
      "ftp://api.example.com",
      'baseUrl must be an http(s) URL such as "https://api.stack-auth.com/api/v1", got "ftp://api.example.com"',
    ],
    [
      "a URL with a password (which the message does not quote)",
      "https://svc:pw_MARKER_91c@api.stack-auth.com/api/v1",
      'baseUrl must not hold a user name or password, which fetch refuses: use "https://api.stack-auth.com/api/v1"',
    ],
    [
      "plain http to another machine",
      "http://auth.internal.example:8102/api/v1",
      "the key set must be fetched over https, not plain http from auth.internal.example:8102",
    ],
  ])("a baseUrl that is %s is a ConfigurationError, before any request", (_name, baseUrl, message) => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    expect(() => createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl, fetch })).toThrow(
      expect.objectContaining({ name: "ConfigurationError", message: expect.stringContaining(message) }),
    );
    expect(() => createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl, fetch })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("MARKER") }),
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it("plain http to a loopback host is allowed, for local servers", () => {
    expect(() =>
      createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl: "http://localhost:8102/api/v1" }),
    ).not.toThrow();
  });

  it.each([0, -1, 1.5, Number.NaN])("maxResponseBytes %s is a ConfigurationError", (maxResponseBytes) => {
    expect(() => createAccessTokenVerifier({ projectId: PROJECT_ID, maxResponseBytes })).toThrow(
      new ConfigurationError(
        `maxResponseBytes must be a whole number of bytes (1 or more) or Infinity, got ${maxResponseBytes}`,
      ),
    );
  });
});

describe("anonymous and restricted users' tokens", () => {
  type Kind = "signed-in" | "restricted" | "anonymous";
  const kinds: Record<Kind, { projects: string; audience: string; claims: Record<string, unknown> }> = {
    "signed-in": { projects: "projects", audience: PROJECT_ID, claims: {} },
    restricted: {
      projects: "projects-restricted-users",
      audience: `${PROJECT_ID}:restricted`,
      claims: { is_restricted: true, restricted_reason: { type: "email_not_verified" } },
    },
    anonymous: {
      projects: "projects-anonymous-users",
      audience: `${PROJECT_ID}:anon`,
      claims: { is_anonymous: true, is_restricted: true, restricted_reason: { type: "anonymous" } },
    },
  };
  let kindKeys: Record<Kind, Awaited<ReturnType<typeof generateKeyPair>>>;
  beforeAll(async () => {
    kindKeys = {
      "signed-in": keys,
      restricted: await generateKeyPair("ES256"),
      anonymous: await generateKeyPair("ES256"),
    };
  });

  /** A key set as Stack Auth serves it: each kind's key only when the query asks for it (anonymous brings restricted). */
  async function stackAuthKeySet() {
    const jwkOf = async (kind: Kind) => ({ ...(await exportJWK(kindKeys[kind].publicKey)), kid: kind, alg: "ES256" });
    const jwks = await server(async (req, res) => {
      const query = new URL(req.url, "http://x").searchParams;
      const anonymous = query.get("include_anonymous") === "true";
      const included: Kind[] = ["signed-in"];
      if (anonymous || query.get("include_restricted") === "true") included.push("restricted");
      if (anonymous) included.push("anonymous");
      sendJson(res, 200, { keys: await Promise.all(included.map(jwkOf)) });
    });
    return { baseUrl: `${jwks.url}/api/v1`, jwks };
  }

  function tokenOf(kind: Kind, baseUrl: string) {
    const { projects, audience, claims } = kinds[kind];
    return new SignJWT({ project_id: PROJECT_ID, role: "authenticated", ...claims })
      .setProtectedHeader({ alg: "ES256", kid: kind })
      .setSubject("3f0e2b1c-0000-4000-8000-000000000002")
      .setIssuer(`${baseUrl}/${projects}/${PROJECT_ID}`)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(kindKeys[kind].privateKey);
  }

  it("by default only a signed-in user's token passes; the others are refused naming the option that accepts them", async () => {
    const { baseUrl, jwks } = await stackAuthKeySet();
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl });
    await expect(verify(await tokenOf("signed-in", baseUrl))).resolves.toMatchObject({ sub: expect.any(String) });
    await expect(verify(await tokenOf("restricted", baseUrl))).rejects.toMatchObject({
      name: "InvalidAccessTokenError",
      reason: "claim",
      message:
        'The access token\'s "is_restricted" claim is not accepted: create the verifier with allowRestricted: true to accept it',
    });
    await expect(verify(await tokenOf("anonymous", baseUrl))).rejects.toMatchObject({
      reason: "claim",
      message: expect.stringContaining("allowAnonymous: true"),
    });
    expect(jwks.requests.map((request) => request.url)).toEqual([
      `/api/v1/projects/${PROJECT_ID}/.well-known/jwks.json`,
    ]);
  });

  it("allowRestricted accepts restricted users' tokens, with their keys, issuer and audience, and still not anonymous ones", async () => {
    const { baseUrl, jwks } = await stackAuthKeySet();
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl, allowRestricted: true });
    await expect(verify(await tokenOf("signed-in", baseUrl))).resolves.toMatchObject({ aud: PROJECT_ID });
    await expect(verify(await tokenOf("restricted", baseUrl))).resolves.toMatchObject({
      aud: `${PROJECT_ID}:restricted`,
      is_restricted: true,
      restricted_reason: { type: "email_not_verified" },
    });
    await expect(verify(await tokenOf("anonymous", baseUrl))).rejects.toMatchObject({
      reason: "claim",
      message: expect.stringContaining("allowAnonymous: true"),
    });
    expect(jwks.requests[0]!.url).toBe(`/api/v1/projects/${PROJECT_ID}/.well-known/jwks.json?include_restricted=true`);
  });

  it("allowAnonymous accepts every kind, as Stack Auth's own include_anonymous does", async () => {
    const { baseUrl, jwks } = await stackAuthKeySet();
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl, allowAnonymous: true });
    for (const kind of ["signed-in", "restricted", "anonymous"] as const)
      await expect(verify(await tokenOf(kind, baseUrl))).resolves.toMatchObject({ aud: kinds[kind].audience });
    expect(jwks.requests[0]!.url).toBe(`/api/v1/projects/${PROJECT_ID}/.well-known/jwks.json?include_anonymous=true`);
  });

  it("a token that claims another kind than its audience names is still checked by its keys and claims", async () => {
    const { baseUrl } = await stackAuthKeySet();
    const verify = createAccessTokenVerifier({ projectId: PROJECT_ID, baseUrl });
    // Signed with the signed-in users' key and audience, but saying the user is anonymous: refused by default.
    const mislabelled = await new SignJWT({ project_id: PROJECT_ID, is_anonymous: true })
      .setProtectedHeader({ alg: "ES256", kid: "signed-in" })
      .setSubject("3f0e2b1c-0000-4000-8000-000000000003")
      .setIssuer(`${baseUrl}/projects/${PROJECT_ID}`)
      .setAudience(PROJECT_ID)
      .setExpirationTime("10m")
      .sign(keys.privateKey);
    await expect(verify(mislabelled)).rejects.toMatchObject({
      reason: "claim",
      message: expect.stringContaining('"is_anonymous"'),
    });
  });
});

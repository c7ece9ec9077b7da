import { describe, expect, it } from "vitest";
import { defaultBaseUrl } from "../lib/new-client/api.mjs";

const secretMeta = { securitySchemes: { Key: { header: "Authorization", secret: true } }, operations: {} };
const contextMeta = { securitySchemes: { Tenant: { header: "X-Tenant", secret: false } }, operations: {} };
const withServer = (server: unknown) => ({ openapi: "3.0.3", servers: server ? [server] : undefined });

describe("defaultBaseUrl: the client's default base URL, or why it takes none", () => {
  it("takes the first https server, without its trailing slash, with its variables' defaults", () => {
    expect(defaultBaseUrl(withServer({ url: "https://api.shop.test/v2/" }), secretMeta)).toEqual({
      url: "https://api.shop.test/v2",
    });
    const pinecone = {
      url: "https://controller.{environment}.pinecone.io",
      variables: { environment: { default: "us-west1-gcp" } },
    };
    expect(defaultBaseUrl(withServer(pinecone), secretMeta)).toEqual({
      url: "https://controller.us-west1-gcp.pinecone.io",
    });
  });

  it("says why there is none: no server, a relative one, a variable without a default or with a placeholder for one, or plain http with a secret", () => {
    expect(defaultBaseUrl(withServer(undefined), secretMeta)).toEqual({ reason: "names no server" });
    const userinfo = { url: "https://{host}/base", variables: { host: { default: "user:pw@api.example.com" } } };
    expect(defaultBaseUrl(withServer(userinfo), secretMeta)).toEqual({
      reason: "names a server with a user name or password in its URL (https://…@api.example.com): give it without",
    });
    expect(defaultBaseUrl(withServer({ url: "/api/v1" }), secretMeta)).toEqual({
      reason: 'names only the relative server "/api/v1": give its host',
    });
    expect(defaultBaseUrl(withServer({ url: "https://{region}.api.test", variables: {} }), secretMeta)).toEqual({
      reason: 'names a server whose variable "region" has no default (https://{region}.api.test)',
    });
    const vtex = {
      url: "https://{accountName}.{environment}.com.br",
      variables: { accountName: { default: "apiexamples" }, environment: { default: "{environment}" } },
    };
    expect(defaultBaseUrl(withServer(vtex), secretMeta)).toEqual({
      reason:
        "names a server that its variables' defaults do not make a URL (https://apiexamples.{environment}.com.br)",
    });
    const spaced = { url: "https://{host}/v1", variables: { host: { default: "api example.test" } } };
    expect(defaultBaseUrl(withServer(spaced), secretMeta)).toEqual({
      reason: "names a server that its variables' defaults do not make a URL (https://api example.test/v1)",
    });
    expect(defaultBaseUrl(withServer({ url: "http://api.sendgrid.com/v3" }), secretMeta)).toEqual({
      reason:
        "names the plain-http server http://api.sendgrid.com/v3, where its secret credentials are never sent: give https://",
    });
  });

  it("keeps plain http for a loopback host, or an API whose credentials are not secret", () => {
    expect(defaultBaseUrl(withServer({ url: "http://localhost:8080" }), secretMeta)).toEqual({
      url: "http://localhost:8080",
    });
    expect(defaultBaseUrl(withServer({ url: "http://api.internal.test" }), contextMeta)).toEqual({
      url: "http://api.internal.test",
    });
  });
});

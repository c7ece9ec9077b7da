// Operations whose spec names servers of their own: the metadata names each one's server and the API's first, and
// generation warns of them.
import { describe, expect, it } from "vitest";
import { deriveMeta } from "../lib/spec/meta.mjs";

const ok = { "200": { description: "ok" } };

/** Box's shape: the API on one server, uploads on another (per operation), a token endpoint on a third (per path). */
const spec = {
  openapi: "3.0.2",
  info: { title: "Servers", version: "1" },
  servers: [
    { url: "https://{region}.api.example.com/2.0/", variables: { region: { default: "eu", enum: ["eu", "us"] } } },
  ],
  paths: {
    "/files": { get: { responses: ok } },
    "/files/content": {
      get: { servers: [{ url: "https://eu.api.example.com/2.0" }], responses: ok },
      post: { servers: [{ url: "https://upload.example.com/2.0" }], responses: ok },
      // Served on the API's first server too: nothing of its own.
      put: { servers: [{ url: "https://dl.example.com" }, { url: "https://eu.api.example.com/2.0/" }], responses: ok },
    },
    "/authorize": { servers: [{ url: "https://account.example.com/oauth2" }], get: { responses: ok } },
    // A relative server, on the API's host.
    "/oauth2/token": { servers: [{ url: "/" }], post: { responses: ok } },
  },
};

describe("generate on operations served elsewhere", () => {
  it("names each operation's own server and the API's first in the metadata, and only theirs", () => {
    const meta = deriveMeta(spec, "specs/servers.json");
    expect(meta.baseUrl).toBe("https://eu.api.example.com/2.0");
    expect(
      Object.fromEntries(Object.entries(meta.operations).map(([key, operation]) => [key, operation.server])),
    ).toEqual({
      "GET /files": undefined,
      "GET /files/content": undefined,
      "POST /files/content": "https://upload.example.com/2.0",
      "PUT /files/content": undefined,
      "GET /authorize": "https://account.example.com/oauth2",
      "POST /oauth2/token": "https://eu.api.example.com",
    });
  });

  it("warns of the operations whose servers are not the API's first, naming them and their servers, and only of them", () => {
    expect(deriveMeta(spec, "specs/servers.json").warnings).toEqual([
      "3 operations in specs/servers.json (such as POST /files/content) name servers of their own " +
        "(https://upload.example.com/2.0, https://account.example.com/oauth2, https://eu.api.example.com), not the " +
        "API's first (https://eu.api.example.com/2.0): a client on the API's first server sends such a call to its own " +
        "server on the same origin, and refuses one on another origin before sending it (credentials go to no origin a " +
        "client was not given): call those through a client created with its server as baseUrl.",
    ]);
    const { "/authorize": _, "/oauth2/token": __, ...paths } = spec.paths;
    const sameServer = { ...spec, paths: { ...paths, "/files/content": { get: paths["/files/content"].get } } };
    const meta = deriveMeta(sameServer, "specs/servers.json");
    expect(meta.warnings).toEqual([]);
    expect(meta).not.toHaveProperty("baseUrl");
  });
});

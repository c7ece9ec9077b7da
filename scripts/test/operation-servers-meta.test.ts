// Operations whose spec names servers of their own: generation warns that the client does not call them there.
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
    },
    "/authorize": { servers: [{ url: "https://account.example.com/oauth2" }], get: { responses: ok } },
  },
};

describe("generate on operations served elsewhere", () => {
  it("warns of the operations whose servers are not the API's first, naming them and their servers, and only of them", () => {
    expect(deriveMeta(spec, "specs/servers.json").warnings).toEqual([
      "2 operations in specs/servers.json (such as POST /files/content) name servers of their own " +
        "(https://upload.example.com/2.0, https://account.example.com/oauth2), not the API's first " +
        "(https://eu.api.example.com/2.0), where the client sends every call: call them through a client created " +
        "with its server as baseUrl.",
    ]);
    const { "/authorize": _, ...paths } = spec.paths;
    const sameServer = { ...spec, paths: { ...paths, "/files/content": { get: paths["/files/content"].get } } };
    expect(deriveMeta(sameServer, "specs/servers.json").warnings).toEqual([]);
  });
});

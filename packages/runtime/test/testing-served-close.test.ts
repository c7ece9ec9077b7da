import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";
import { serveFake } from "../src/testing/server.js";

// A served fake's close() is called from a test and again from its afterEach, or from two cleanups at once: each call
// resolves once the port is free, as @keyway/test-server's does, rather than fail the run with "Server is not running".

const spec: SpecData = {
  basePath: "",
  securitySchemes: {},
  operations: { "GET /ping": { id: "ping", security: [], parameters: [], responses: { "204": {} } } },
  responses: {},
  schemas: {},
};

describe("serveFake's close()", () => {
  it("resolves when called again, after or while it closes, and the port no longer answers", async () => {
    const server = await serveFake(createFakeApi<Record<string, never>>({ spec, name: "Ping" }));
    expect((await fetch(`${server.url}/ping`)).status).toBe(204);
    await expect(Promise.all([server.close(), server.close()])).resolves.toEqual([undefined, undefined]);
    await expect(server.close()).resolves.toBeUndefined();
    await expect(fetch(`${server.url}/ping`)).rejects.toThrow(TypeError);
  });
});

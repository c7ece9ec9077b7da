// A spec may declare `User-Agent` as a header parameter (Bunq requires it on every operation): a call that passes it
// sends that value, not keyway's, and new-client's generated test must expect what the client sends.
import { describe, expect, it } from "vitest";
import { createHeaderAuth } from "../../packages/header-auth/src/index.js";
import { type ClientMeta, createApiClient } from "../../packages/runtime/src/index.js";
import { chooseOperation } from "../lib/new-client/api.mjs";
import { callOf, packageFiles } from "../lib/new-client/package-files.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";
import { keyedDocument } from "./fixtures/keyed-document.js";

/** One GET authenticated by a header key, taking these header parameters. */
function deviceSpec(parameters: object[]) {
  return keyedDocument("Devices", {
    "/device": {
      get: {
        parameters,
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  });
}

const userAgent = { name: "User-Agent", in: "header", required: true, schema: { type: "string" } };

function generatedTest(spec: object): string {
  return packageFiles({
    name: "devices",
    specFile: "devices.json",
    dir: "devices",
    spec,
    meta: deriveMeta(spec, "specs/devices.json"),
    runtimeManifest: { dependencies: { "openapi-fetch": "^0.17.0" } },
  }).get("test/client.test.ts") as string;
}

describe("new-client's generated test and the User-Agent a call sends", () => {
  it("expects the value the call passes when the operation takes User-Agent as a parameter, as the client sends it", async () => {
    const spec = deviceSpec([userAgent]);
    const meta = deriveMeta(spec, "specs/devices.json") as unknown as ClientMeta<"Key">;
    const call = callOf(chooseOperation(spec, meta));
    const sent: (string | null)[] = [];
    const { client } = createApiClient<any>({
      meta,
      baseUrl: "https://api.example.test",
      auth: createHeaderAuth({ meta, credentials: { Key: "key-1" } }),
      fetch: async (input: Request | string | URL, init?: RequestInit) => {
        sent.push(new Request(input, init).headers.get("user-agent"));
        return Response.json({});
      },
    });
    await client.GET("/device", call.init);

    expect(sent).toEqual([call.userAgent]);
    const test = generatedTest(spec);
    expect(test).toContain(`expect(request.headers["user-agent"]).toBe(${JSON.stringify(call.userAgent)});`);
    expect(test).not.toContain("toMatch(/^keyway-devices");
  });

  it("expects keyway's own User-Agent otherwise", () => {
    const test = generatedTest(deviceSpec([{ ...userAgent, name: "X-Device-Id" }]));
    expect(test).toContain('expect(request.headers["user-agent"]).toMatch(/^keyway-devices\\/\\S+ /);');
  });
});

import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

// A renamed API's client sends its credentials under the new names (`headerAliases`, a client's header family), and a
// service may take a secret header no scheme declares: a recorded call hides each such value wherever it is printed.

const KEY = "sk_live_MARKER_4e1d9b";
const ADMIN_KEY = "adm_MARKER_0c7f3a";
const spec: SpecData = {
  basePath: "",
  securitySchemes: { apiKey: { header: "X-Acme-Key", secret: true } },
  operations: { "GET /orders": { id: "listOrders", security: [["apiKey"]], parameters: [], responses: { "200": {} } } },
  responses: {},
  schemas: {},
};
const meta = {
  operations: {},
  headerAliases: { zenith: { "X-Acme-Key": "X-Zenith-Key", "X-Acme-Admin-Key": "X-Zenith-Admin-Key" } },
};
const printed = (calls: unknown) => [inspect(calls, { depth: 8 }), JSON.stringify(calls)];

describe("fake API: secret headers under names the spec does not declare", () => {
  it("hides a credential sent under its alias in the metadata's header family", async () => {
    const fake = createFakeApi<Record<string, never>>({ spec, name: "Acme", meta });
    await fake.fetch("https://acme.example/orders", { headers: { "X-Zenith-Key": KEY } });
    const [call] = fake.calls();
    expect(call?.headers.get("x-zenith-key")).toBe(KEY);
    for (const text of printed(fake.calls())) {
      expect(text).not.toContain(KEY);
      expect(text).toContain("x-zenith-key");
    }
  });

  it("hides the service's secret headers it is given, under either name, without counting them as a break of the spec", async () => {
    const fake = createFakeApi<Record<string, never>>({
      spec,
      name: "Acme",
      meta,
      secretHeaders: ["X-Acme-Admin-Key"],
    });
    for (const header of ["X-Acme-Admin-Key", "X-Zenith-Admin-Key"]) {
      fake.reset();
      const response = await fake.fetch("https://acme.example/orders", {
        headers: { "X-Acme-Key": KEY, [header]: ADMIN_KEY },
      });
      expect(response.status).toBe(200);
      expect(fake.violations).toEqual([]);
      expect(fake.calls()[0]?.headers.get(header)).toBe(ADMIN_KEY);
      for (const text of printed(fake.calls())) {
        expect(text).not.toContain(KEY);
        expect(text).not.toContain(ADMIN_KEY);
      }
    }
  });
});

import { describe, expect, it } from "vitest";
import { ConfigurationError, withHeaderFamily, type ApiMeta } from "../src/index.js";

/** An API whose headers were renamed, as the generator emits it from `info.x-keyway-header-aliases`. */
const renamed = {
  securitySchemes: {
    Key: { header: "X-Old-Key", secret: true },
    Account: { header: "X-Old-Account", secret: false },
    Bearer: { header: "Authorization", prefix: "Bearer ", secret: true },
  },
  operations: {
    "GET /scoped": { id: "getScoped", security: [["Key", "Account"]], headers: ["X-Old-Timezone", "X-Request-Tag"] },
    "GET /public": { id: "getPublic", security: [] },
  },
  headerAliases: {
    new: { "X-Old-Key": "X-New-Key", "X-Old-Account": "X-New-Account", "X-Old-Timezone": "X-New-Timezone" },
  },
} as const satisfies ApiMeta;

describe("withHeaderFamily", () => {
  it("renames every scheme header and declared header parameter the family names, and keeps the others", () => {
    const meta = withHeaderFamily(renamed, "new");
    expect(Object.values(meta.securitySchemes).map((s) => s.header)).toEqual([
      "X-New-Key",
      "X-New-Account",
      "Authorization",
    ]);
    expect(meta.securitySchemes.Key).toEqual({ header: "X-New-Key", secret: true });
    expect(meta.securitySchemes.Bearer.prefix).toBe("Bearer ");
    expect(meta.operations["GET /scoped"].headers).toEqual(["X-New-Timezone", "X-Request-Tag"]);
    expect(meta.operations["GET /scoped"].security).toEqual([["Key", "Account"]]);
    expect(meta.operations["GET /public"]).toBe(renamed.operations["GET /public"]);
    expect(renamed.securitySchemes.Key.header, "the input is not changed").toBe("X-Old-Key");
  });

  it("refuses a family the API does not declare, naming the ones it does", () => {
    expect(() => withHeaderFamily(renamed, "newer")).toThrow(ConfigurationError);
    expect(() => withHeaderFamily(renamed, "newer")).toThrow(/Unknown header family "newer"; this API knows "new"/);
    expect(() => withHeaderFamily({ securitySchemes: {}, operations: {} }, "new")).toThrow(/knows no other family/);
  });
});

// A discriminator mapping's entries that name nothing (a file that was not published, a missing schema) are left out of
// what the types are generated from; the others stay, and the document read is not changed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withoutUnresolvedMappings } from "../lib/spec/discriminator-mappings.mjs";

/** Mapping targets of each kind, and whether they resolve in the document below. */
const TARGETS = {
  "#/components/schemas/Known": true,
  "#/components/schemas/Gone": false,
  Known: true,
  Gone: false,
  "models/actions.yml#/reboot": false,
  "https://example.test/schemas.json#/Known": false,
} as const;

describe("withoutUnresolvedMappings", () => {
  it("keeps exactly the entries that name a schema of the document, wherever the discriminator is", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.constantFrom(...Object.keys(TARGETS)), { minKeys: 1 }),
        fc.constantFrom("component", "path"),
        (mapping, where) => {
          const schema = { oneOf: [{ type: "object" }], discriminator: { propertyName: "kind", mapping } };
          const document = {
            components: { schemas: { Known: { type: "object" }, ...(where === "component" ? { S: schema } : {}) } },
            paths:
              where === "path"
                ? { "/x": { get: { responses: { 200: { content: { "application/json": { schema } } } } } } }
                : {},
          };
          const before = structuredClone(document);
          const result = withoutUnresolvedMappings(document);
          const read =
            where === "component"
              ? result.components.schemas.S
              : result.paths["/x"]!.get.responses[200].content["application/json"].schema;
          const kept = Object.fromEntries(
            Object.entries(mapping).filter(([, target]) => TARGETS[target as keyof typeof TARGETS]),
          );
          expect(read.discriminator).toEqual(
            Object.keys(kept).length > 0 ? { propertyName: "kind", mapping: kept } : { propertyName: "kind" },
          );
          expect(document).toEqual(before);
        },
      ),
    );
  });
});

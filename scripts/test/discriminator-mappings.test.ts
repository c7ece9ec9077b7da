// A discriminator mapping's entries that name nothing (a file that was not published, a missing schema) are left out of
// what the types are generated from; the others stay, a schema's bare name written as its pointer, and the document
// read is not changed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withResolvableMappings } from "../lib/spec/discriminator-mappings.mjs";
import { valueAt } from "../lib/spec/json-pointer.mjs";

/** Mapping targets of each kind, and what each is written as in the document below (undefined: left out). */
const TARGETS: { readonly [target: string]: string | undefined } = {
  "#/components/schemas/Known": "#/components/schemas/Known",
  "#/components/schemas/Gone": undefined,
  Known: "#/components/schemas/Known",
  "Odd name/with~marks": "#/components/schemas/Odd%20name~1with~0marks",
  Gone: undefined,
  "models/actions.yml#/reboot": undefined,
  "https://example.test/schemas.json#/Known": undefined,
};

describe("withResolvableMappings", () => {
  it("keeps exactly the entries that name a schema of the document, as pointers, wherever the discriminator is", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.constantFrom(...Object.keys(TARGETS)), { minKeys: 1 }),
        fc.constantFrom("component", "path"),
        (mapping, where) => {
          const schema = { oneOf: [{ type: "object" }], discriminator: { propertyName: "kind", mapping } };
          const document = {
            components: {
              schemas: {
                Known: { type: "object" },
                "Odd name/with~marks": { type: "object" },
                ...(where === "component" ? { S: schema } : {}),
              },
            },
            paths:
              where === "path"
                ? { "/x": { get: { responses: { 200: { content: { "application/json": { schema } } } } } } }
                : {},
          };
          const before = structuredClone(document);
          const result = withResolvableMappings(document);
          const read =
            where === "component"
              ? result.components.schemas.S
              : result.paths["/x"]!.get.responses[200].content["application/json"].schema;
          const kept = Object.fromEntries(
            Object.entries(mapping).flatMap(([value, target]) => (TARGETS[target] ? [[value, TARGETS[target]]] : [])),
          );
          expect(read.discriminator).toEqual(
            Object.keys(kept).length > 0 ? { propertyName: "kind", mapping: kept } : { propertyName: "kind" },
          );
          expect(document).toEqual(before);
          for (const pointer of Object.values(kept)) expect(valueAt(result, pointer)).toEqual({ type: "object" });
        },
      ),
    );
  });
});

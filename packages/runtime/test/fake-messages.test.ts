import { describe, expect, it } from "vitest";
import type { JsonSchema, SpecData } from "../src/testing/index.js";
import { SchemaChecker } from "../src/testing/schemas.js";

// What `fake.verify()` says of a value that breaks its schema: the rule it breaks, at a JSON pointer to it.
const spec: SpecData = { basePath: "", securitySchemes: {}, operations: {}, responses: {}, schemas: {} };
const checker = new SchemaChecker(spec, "request");
const failures = (schema: JsonSchema, value: unknown) => checker.check(schema, value, 10);

describe("fake API: how a broken rule is named", () => {
  it("a map value of the wrong type breaks its type, not the map's keys (Stripe's metadata)", () => {
    expect(failures({ type: "object", additionalProperties: { type: "integer" } }, { a: "x" })).toEqual([
      { at: "/a", rule: 'type "integer"', expects: true },
    ]);
    expect(failures({ type: "object", additionalProperties: false }, { a: 1 })).toEqual([
      { at: "/a", rule: "is not a property the schema allows", found: false },
    ]);
  });

  it("names a key with a slash or a space once, as a JSON pointer (Docker's port bindings)", () => {
    expect(failures({ type: "object", additionalProperties: { type: "array" } }, { "22/tcp": 1 })).toEqual([
      { at: "/22~1tcp", rule: 'type "array"', expects: true },
    ]);
    expect(failures({ type: "object", additionalProperties: false }, { "22/tcp": 1 })).toEqual([
      { at: "/22~1tcp", rule: "is not a property the schema allows", found: false },
    ]);
    expect(failures({ type: "object", properties: { "updated at": { type: "string" } } }, { "updated at": 1 })).toEqual(
      [{ at: "/updated at", rule: 'type "string"', expects: true }],
    );
  });

  it("says a oneOf matched more than one alternative, and a not matched its schema (GitHub's validation errors)", () => {
    expect(failures({ oneOf: [{ type: "integer" }, { type: "number" }] }, 1)).toEqual([
      { at: "", rule: "oneOf: matches 2 of the alternatives, where it must match exactly one" },
    ]);
    // GitHub's labels body: `{}` fits both object alternatives; the others' failures (not a list) are not why.
    const labels = { type: "object", properties: { labels: { type: "array" } } } as const;
    expect(failures({ oneOf: [labels, { type: "array" }, labels, { type: "string" }] }, {})).toEqual([
      { at: "", rule: "oneOf: matches 2 of the alternatives, where it must match exactly one" },
    ]);
    // Adyen's paymentMethod: the closed alternatives that refuse a property do not name it beside the ambiguity.
    const ach = { type: "object", properties: { bankAccountNumber: { type: "string" } } } as const;
    const card = { type: "object", additionalProperties: false, properties: { number: { type: "string" } } } as const;
    expect(
      failures(
        { properties: { paymentMethod: { oneOf: [ach, card, ach] } } },
        { paymentMethod: { bankAccountNumber: "1" } },
      ),
    ).toEqual([
      { at: "/paymentMethod", rule: "oneOf: matches 2 of the alternatives, where it must match exactly one" },
    ]);
    // Matching none, it names the first alternative's rule, one failure per place.
    expect(failures({ oneOf: [{ type: "integer" }, { type: "boolean" }] }, "x")).toEqual([
      { at: "", rule: 'type "integer"', expects: true },
    ]);
    expect(failures({ not: { type: "string" } }, "x")).toEqual([
      { at: "", rule: "not: matches the schema it must not match" },
    ]);
  });

  it("names what an if/then requires, not the if", () => {
    const schema = {
      if: { properties: { k: { const: "x" } }, required: ["k"] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword; this object is never awaited
      then: { required: ["v"] },
    };
    expect(failures(schema, { k: "x" })).toEqual([{ at: "", rule: 'required property "v" is missing', found: false }]);
  });
});

describe("fake API: a long list in a rule", () => {
  it("is cut between its items, saying how many it holds, so that each value shown is whole", () => {
    const operations = ["eq", "neq", "startswith", "endswith", "contains", "notcontains", "in", "notin", "containsany"];
    const values = [...operations, ...operations.map((operation) => `not_${operation}`), "isempty", "isnotempty"];
    expect(failures({ enum: values }, "equals")).toEqual([
      {
        at: "",
        rule: 'enum ["eq","neq","startswith","endswith","contains","notcontains","in","notin",…] (20 values)',
        expects: true,
      },
    ]);
    expect(failures({ enum: ["a", "b"] }, "c")).toEqual([{ at: "", rule: 'enum ["a","b"]', expects: true }]);
  });
});

// ShipEngine's `address_to_validate`: `additionalProperties: false` beside an `allOf` that brings every property, and
// `required` naming them. Read literally, no object could pass; what the spec means is no property beyond them all.
describe("fake API: additionalProperties: false beside allOf, anyOf or oneOf", () => {
  const partialAddress = {
    type: "object",
    properties: { address_line1: { type: "string" }, country_code: { type: "string" } },
  } as const;
  const addressSpec: SpecData = { ...spec, schemas: { partial_address: partialAddress } };
  const addresses = new SchemaChecker(addressSpec, "request");
  const address = {
    type: "object",
    additionalProperties: false,
    allOf: [{ $ref: "#/components/schemas/partial_address" }],
    properties: { name: { type: "string" } },
    required: ["address_line1", "country_code"],
  } as const;

  it("allows the properties its alternatives and its own properties declare", () => {
    expect(addresses.check(address, { address_line1: "500 South Buena Vista Street", country_code: "US" }, 10)).toEqual(
      [],
    );
    expect(addresses.check(address, { address_line1: "1 Main St", country_code: "US", name: "Ada" }, 10)).toEqual([]);
    const either = {
      type: "object",
      additionalProperties: false,
      anyOf: [partialAddress, { properties: { po_box: {} } }],
    };
    expect(addresses.check(either, { po_box: "12" }, 10)).toEqual([]);
  });

  it("allows, in an allOf of closed components, the properties each declares (ShipEngine's shipping_address)", () => {
    const closed = {
      ...spec,
      schemas: {
        partial_address: { ...partialAddress, additionalProperties: false },
        address: {
          type: "object",
          additionalProperties: false,
          allOf: [{ $ref: "#/components/schemas/partial_address" }],
        },
        partial_shipping_address: { type: "object", additionalProperties: false, properties: { geolocation: {} } },
        shipping_address: {
          type: "object",
          additionalProperties: false,
          allOf: [{ $ref: "#/components/schemas/address" }, { $ref: "#/components/schemas/partial_shipping_address" }],
        },
      },
    } satisfies SpecData;
    const shipping = new SchemaChecker(closed, "request");
    const to = { $ref: "#/components/schemas/shipping_address" };
    expect(shipping.check(to, { address_line1: "1 Main St", country_code: "US", geolocation: [] }, 10)).toEqual([]);
    expect(shipping.check(to, { address_line1: "1 Main St", zip: "9" }, 10)).toEqual([
      { at: "/zip", rule: "is not a property the schema allows", found: false },
    ]);
    // An allOf of components none of which is closed stays open.
    const open = new SchemaChecker(
      { ...spec, schemas: { base: partialAddress, pet: { allOf: [{ $ref: "#/components/schemas/base" }] } } },
      "request",
    );
    expect(open.check({ allOf: [{ $ref: "#/components/schemas/pet" }] }, { address_line1: "x", zip: "9" }, 10)).toEqual(
      [],
    );
    // Each component alone is still closed to what it does not declare.
    const address = { $ref: "#/components/schemas/address" };
    expect(shipping.check(address, { address_line1: "1 Main St", geolocation: [] }, 10)).toEqual([
      { at: "/geolocation", rule: "is not a property the schema allows", found: false },
    ]);
  });

  it("opens the closed components an allOf combines under a property named like a keyword (default, enum, const)", () => {
    const closedAddress = {
      ...spec,
      schemas: {
        street: { type: "object", additionalProperties: false, properties: { line1: { type: "string" } } },
        country: { type: "object", additionalProperties: false, properties: { country_code: { type: "string" } } },
      },
    } satisfies SpecData;
    const both = { allOf: [{ $ref: "#/components/schemas/street" }, { $ref: "#/components/schemas/country" }] };
    const names = ["default", "enum", "const", "examples", "example"];
    const book = { type: "object", properties: Object.fromEntries(names.map((name) => [name, both])) };
    const address = { line1: "1 Main St", country_code: "US" };
    const checker = new SchemaChecker(closedAddress, "request");
    expect(checker.check(book, Object.fromEntries(names.map((name) => [name, address])), 10)).toEqual([]);
    expect(checker.check(book, { default: { ...address, zip: "9" } }, 10)).toEqual([
      { at: "/default/zip", rule: "is not a property the schema allows", found: false },
    ]);
  });

  it("still refuses a property none of them declares, naming it, and a value that breaks an alternative", () => {
    expect(addresses.check(address, { address_line1: "1 Main St", country_code: "US", zip: "9" }, 10)).toEqual([
      { at: "/zip", rule: "is not a property the schema allows", found: false },
    ]);
    expect(addresses.check(address, { address_line1: 1, country_code: "US" }, 10)).toEqual([
      { at: "/address_line1", rule: 'type "string"', expects: true },
    ]);
  });
});

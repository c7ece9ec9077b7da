import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFakeApi, type SpecData } from "../src/testing/index.js";

// A component may be named anything a spec's author chose, JSON Schema's own keywords included: AWS Data Pipeline's
// spec names one `id`, BBC's and PeerTube's too, others `type`, `format` or `properties`. The fake checks what a handler
// answers against the component the response's `$ref` names, whatever that name.

/** Names that a JSON Schema validator reads as keywords of a schema, or as one's identifier. */
const KEYWORD_NAMES = [
  "id",
  "$id",
  "type",
  "format",
  "properties",
  "default",
  "required",
  "pattern",
  "$anchor",
  "$ref",
];

const componentName = fc.oneof(
  fc.constantFrom(...KEYWORD_NAMES),
  fc.string({
    unit: fc.constantFrom("a", "Z", "_", "-", ".", " ", "~", "/", "ü", "😀", "$"),
    minLength: 1,
    maxLength: 8,
  }),
);

/** A spec of one operation, `GET /thing`, answering the component `name`, which holds a `$ref` to the component `inner`. */
function specOf(name: string, inner: string): SpecData {
  // As a URI fragment writes a pointer: `~` and `/` escaped, then what a URI may not hold (a space) percent-encoded.
  const ref = (component: string) => ({
    $ref: `#/components/schemas/${encodeURI(component.replace(/~/g, "~0").replace(/\//g, "~1"))}`,
  });
  return {
    basePath: "",
    securitySchemes: { key: { header: "X-Key", secret: true } },
    operations: {
      "GET /thing": {
        id: "thing",
        security: [["key"]],
        parameters: [],
        responses: { "200": { contentType: "application/json", schema: ref(name) } },
      },
    },
    responses: {},
    schemas: {
      [name]: { type: "object", required: ["id", "part"], properties: { id: { type: "string" }, part: ref(inner) } },
      [inner]: { type: "object", required: ["count"], properties: { count: { type: "integer" } } },
    },
  };
}

async function violationsOf(spec: SpecData, answer: unknown): Promise<readonly string[]> {
  const fake = createFakeApi<Record<string, never>>({ spec, name: "Components" });
  fake.on("GET /thing" as never, (() => answer) as never);
  await fake.fetch(new Request("https://api.example.test/thing", { headers: { "X-Key": "k" } }));
  return fake.violations;
}

describe("fake API: components named like JSON Schema keywords, or anything else", () => {
  it("checks an answer against the components a response's $ref names, through a $ref between them", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(componentName, { minLength: 2, maxLength: 2 }), async ([name, inner]) => {
        const spec = specOf(name!, inner!);
        expect(await violationsOf(spec, { id: "thing_1", part: { count: 2 } })).toEqual([]);
        const wrong = await violationsOf(spec, { id: 7, part: { count: "two" } });
        expect(wrong).toEqual([
          expect.stringMatching(/\/id: .*type "string"/),
          expect.stringMatching(/\/part\/count: .*type "integer"/),
        ]);
      }),
      { examples: [[["id", "type"]], [["$id", "format"]], [["properties", "default"]], [["rate estimate", "a/b~c"]]] },
    );
  });
});

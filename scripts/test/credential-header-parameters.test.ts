// A header parameter that repeats the header of a security scheme the operation authenticates with (VTEX declares
// X-VTEX-API-AppKey both ways) is the credential: the client's option sends it, so it is left out of the generated
// types, metadata and spec data, and of the parameters new-client's test passes. A call no longer has to pass a secret
// by hand, which would replace the configured one. A header no scheme of the operation sends stays a parameter.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { chooseOperation } from "../lib/new-client/api.mjs";
import { loadDereferenced } from "../lib/spec/load.mjs";
import { deriveMeta, ignoredHeaders, parametersOf } from "../lib/spec/meta.mjs";
import { generatedInScratch } from "./fixtures/generated-in-scratch.js";
import { fixturesDir } from "./fixtures/git-repo.js";
import { TOOL_STEPS_TIMEOUT_MS } from "./fixtures/node-tools.js";

const FIXTURE = join(fixturesDir, "credential-header-parameters.yaml");
let files: Map<string, string>;

beforeAll(async () => {
  files = await generatedInScratch("gift-cards", readFileSync(FIXTURE, "utf8"), "yaml");
}, TOOL_STEPS_TIMEOUT_MS);

/** The `header` parameters the generated types give an operation (`operations[id].parameters.header`). */
function headerTypes(id: string) {
  const types = files.get("gift-cards.ts")!;
  const operation = types.slice(types.indexOf(`    ${id}: {`));
  return operation.slice(operation.indexOf("header"), operation.indexOf("path"));
}

describe("generate: a header parameter that repeats an operation's credential header", () => {
  it("leaves it out of the operation's types, in any case and wherever it is declared (path item, $ref)", () => {
    const header = headerTypes("getGiftCard");
    expect(header).not.toMatch(/X-App-Key|X-APP-TOKEN/i);
    expect(header).toContain('"x-consumer-id": string;');
    expect(header).toContain('"X-Request-Tag"?: string;');
  });

  it("keeps it where the operation does not authenticate with that scheme", () => {
    expect(headerTypes("deleteGiftCard")).toContain('"X-App-Key": string;');
  });

  it("leaves it out of the metadata's headers, which the client takes from a call's parameters", () => {
    const meta = files.get("gift-cards.meta.ts")!;
    expect(meta).toContain(
      '"GET /gift-cards/{id}": {"id":"getGiftCard","security":security1,"headers":["x-consumer-id","X-Request-Tag"]}',
    );
    expect(meta).toContain('"DELETE /gift-cards/{id}": {"id":"deleteGiftCard","security":[],"headers":["X-App-Key"]');
  });

  it("leaves it out of what the test kit's fake requires of the operation", () => {
    const specData = files.get("gift-cards.spec-data.ts")!;
    const get = specData.slice(
      specData.indexOf('"GET /gift-cards/{id}"'),
      specData.indexOf('"DELETE /gift-cards/{id}"'),
    );
    expect(get).toContain('"name":"x-consumer-id"');
    expect(get).not.toMatch(/"name":"X-App-(?:Key|TOKEN)"/i);
  });

  it("is not among the parameters new-client's generated test passes (it sends the credential option instead)", async () => {
    const spec = await loadDereferenced(FIXTURE);
    const choice = chooseOperation(spec, deriveMeta(spec, "specs/gift-cards.yaml"));
    expect(choice.method).toBe("GET");
    expect(choice.required.map((parameter: { name: string }) => parameter.name)).toEqual(["id", "x-consumer-id"]);
  });
});

describe("parametersOf with ignoredHeaders", () => {
  const scheme = fc.stringMatching(/^X-[A-Za-z]{1,8}$/);
  /** `name` in a random case. */
  const recased = (name: string, flips: boolean[]) =>
    [...name].map((char, index) => (flips[index % flips.length] ? char.toUpperCase() : char.toLowerCase())).join("");

  it("leaves out a header parameter exactly when a scheme of the operation's (or else the spec's) security sends it", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(scheme, { minLength: 2, maxLength: 4, selector: (name) => name.toLowerCase() }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        fc.option(fc.nat(), { nil: undefined }),
        fc.boolean(),
        (headers, flips, parameterIndex, rootIndex, operationIndex, onPath) => {
          const schemes = Object.fromEntries(
            headers.map((name, index) => [`S${index}`, { type: "apiKey", in: "header", name }]),
          );
          const parameterHeader = headers[parameterIndex % headers.length]!;
          const parameter = {
            name: recased(parameterHeader, flips),
            in: "header",
            required: true,
            schema: { type: "string" },
          };
          const operation: Record<string, unknown> = { responses: {} };
          if (operationIndex !== undefined) operation.security = [{ [`S${operationIndex % headers.length}`]: [] }];
          if (!onPath) operation.parameters = [parameter];
          const pathItem = { ...(onPath ? { parameters: [parameter] } : {}), get: operation };
          const spec = {
            openapi: "3.0.3",
            security: [{ [`S${rootIndex % headers.length}`]: [] }],
            components: { securitySchemes: schemes },
            paths: { "/x": pathItem },
          };
          const authenticatedWith = headers[(operationIndex ?? rootIndex) % headers.length]!;
          const kept = parametersOf(pathItem, operation, ignoredHeaders(spec)).map((p: { name: string }) => p.name);
          expect(kept).toEqual(authenticatedWith === parameterHeader ? [] : [parameter.name]);
        },
      ),
    );
  });
});

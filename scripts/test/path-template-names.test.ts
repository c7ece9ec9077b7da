// Path parameters named with any characters OpenAPI allows between a template's braces (all but braces): lint, through
// Redocly's real report, takes a declared one as used (RapidAPI's IdealSpot declares `insight_id:` for
// /data/insights/{insight_id:}, which Redocly called unused, so new-client refused a valid spec) and names each
// operation that leaves one undefined, whatever its characters, as Redocly does for names of letters and digits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintDocument } from "./fixtures/lint-document.js";
import { TOOL_STEPS_TIMEOUT_MS } from "./fixtures/node-tools.js";

/** The problems of a spec with `paths` (and `parameters` among its components), linted with keyway's profiles. */
function lintProblems(
  paths: Record<string, unknown>,
  { profile = "default", parameters = {} }: { profile?: string; parameters?: Record<string, unknown> } = {},
) {
  return lintDocument({
    openapi: "3.1.0",
    info: { title: "T", version: "1", "x-keyway-lint": profile },
    servers: [{ url: "https://api.example.test" }],
    components: { parameters },
    paths,
  });
}

/** The path-parameters-defined problems of {@link lintProblems}, each its severity and message. */
async function pathParameterProblems(...args: Parameters<typeof lintProblems>) {
  return (await lintProblems(...args))
    .filter((problem) => problem.rule === "path-parameters-defined")
    .map(({ severity, message }) => ({ severity, message }));
}

const ok = { 200: { description: "ok" } };
const pathParameter = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
const undefinedMessage = (name: string, path: string) => ({
  severity: "error",
  message: `The operation does not define the path parameter \`{${name}}\` expected by path \`${path}\`.`,
});

/** Distinct names of any characters but braces: Redocly's own (letters, digits, `_.-`) and all others. */
const names = fc.uniqueArray(
  fc.oneof(
    fc.string({ unit: fc.constantFrom(..."abcXYZ019_.-"), minLength: 1, maxLength: 8 }),
    fc.string({ unit: fc.constantFrom(..."ab:/?#%&=+ @;,.~!$'()*[]|\\^`\"<>é€😀"), minLength: 1, maxLength: 8 }),
  ),
  { minLength: 1, maxLength: 8 },
);

describe("lint on path parameters named with any characters but braces", () => {
  it(
    "takes each declared one as used, and names each operation that leaves one undefined (property-based)",
    async () => {
      await fc.assert(
        fc.asyncProperty(names, async (sampled) => {
          const paths: Record<string, unknown> = {};
          const expected: { severity: string; message: string }[] = [];
          sampled.forEach((name, index) => {
            // Declared on the path, on the operation, and through a $ref; and left undefined by a second path.
            const declared = `/declared${index}/{${name}}`;
            const where = index % 3;
            const parameter =
              where === 2 ? { $ref: `#/components/parameters/p${index}` } : (pathParameter(name) as unknown);
            paths[declared] = {
              ...(where === 0 ? { parameters: [parameter] } : {}),
              get: { operationId: `get${index}`, responses: ok, ...(where === 0 ? {} : { parameters: [parameter] }) },
            };
            const left = `/undefined${index}/{${name}}`;
            paths[left] = {
              get: { operationId: `list${index}`, responses: ok },
              delete: { operationId: `drop${index}`, responses: ok },
            };
            expected.push(undefinedMessage(name, left), undefinedMessage(name, left));
          });
          const parameters = Object.fromEntries(sampled.map((name, index) => [`p${index}`, pathParameter(name)]));
          const problems = await pathParameterProblems(paths, { parameters });
          expect(problems).toEqual(expect.arrayContaining(expected));
          expect(problems).toHaveLength(expected.length);
        }),
        { numRuns: 4 },
      );
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it(
    "keeps Redocly's report of a declared parameter that the path does not use, in both profiles",
    async () => {
      const paths = {
        "/insights/{insight_id:}": {
          get: { operationId: "a", parameters: [pathParameter("insight_id")], responses: ok },
        },
      };
      for (const profile of ["default", "strict"]) {
        expect(await pathParameterProblems(paths, { profile })).toEqual([
          {
            severity: "error",
            message: "Path parameter `insight_id` is not used in the path `/insights/{insight_id:}`.",
          },
          undefinedMessage("insight_id:", "/insights/{insight_id:}"),
        ]);
      }
    },
    TOOL_STEPS_TIMEOUT_MS,
  );

  it(
    "shows a location whose name holds a % that encodes nothing as written (decoding it threw a URIError)",
    async () => {
      const paths = {
        "/rates/{rate%}": { get: { operationId: "a", parameters: [pathParameter("rate%")], responses: ok } },
      };
      const problems = await lintProblems(paths);
      expect(problems).toContainEqual(
        expect.objectContaining({
          rule: "operation-4xx-response",
          where: expect.stringMatching(/^specs\/api\.json:\d+:\d+ #\/paths\/~1rates~1\{rate%\}\/get\/responses$/),
        }),
      );
    },
    TOOL_STEPS_TIMEOUT_MS,
  );
});

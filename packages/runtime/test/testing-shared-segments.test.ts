import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidPathParameterError } from "../src/index.js";
import type { ParameterStyle } from "../src/meta.js";
import type { JsonSchema } from "../src/testing/index.js";
import { apiOf, type Declared, send } from "./testing-one-operation.js";

// Path segments that hold several parameters, as public specs write them (`{name}-{version}.zip`, `{id}.{format}`,
// NASA TechPort's `{id}{.format}`): what a keyway client sends there reaches the fake's handler as the values the app
// passed, with no violation.

/** A path parameter as the spec declares it. */
const inPath = (name: string, schema: JsonSchema, style?: ParameterStyle): Declared => ({
  name,
  in: "path",
  schema,
  ...(style ? { style } : {}),
});

const text: JsonSchema = { type: "string" };
const integer: JsonSchema = { type: "integer", format: "int64" };
const formats: JsonSchema = { type: "string", enum: ["json", "xml"] };

describe("NASA TechPort's `/api/projects/{id}{.format}`", () => {
  // As the spec declares them: `.format` a path parameter of its own ("Automatically added"), `format` a query one.
  const techPort: Declared[] = [
    inPath("id", integer),
    { name: "format", in: "query", schema: { ...formats, default: "xml" } },
    inPath(".format", text),
  ];

  it.each([
    { dotFormat: ".json", wire: "/api/projects/17792.json" },
    { dotFormat: "json", wire: "/api/projects/17792json" },
    { dotFormat: ".v2.xml", wire: "/api/projects/17792.v2.xml" },
  ])("the handler gets the id and `.format` the app passed: $wire", async ({ dotFormat, wire }) => {
    const path = { id: 17792, ".format": dotFormat };
    const { status, violations, seen } = await send("/api/projects/{id}{.format}", techPort, {
      path,
      query: { format: "json" },
    });
    expect(violations).toEqual([]);
    expect(status).toBe(200);
    expect([seen?.url.pathname, seen?.path]).toEqual([wire, path]);
  });

  it("a path too short to hold both parts matches no operation, as any other; one that holds both is split where both fit", async () => {
    const { fake } = apiOf("/api/projects/{id}{.format}", techPort);
    const response = await fake.fetch(
      new Request("https://api.example.test/api/projects/1?format=json", { headers: { "X-Api-Key": "k" } }),
    );
    expect(response.status).toBe(400);
    expect(fake.violations).toEqual(["GET /api/projects/1: no operation of the spec has this path"]);
    const path = { id: 12, ".format": ".json" };
    const split = await send("/api/projects/{id}{.format}", techPort, { path, query: { format: "json" } });
    expect(split.violations).toEqual([]);
    expect(split.seen?.path).toEqual(path);
  });
});

describe("segments holding several parameters, as public specs write them", () => {
  it.each([
    {
      template: "/repos/{owner}/{repo}/pulls/{index}.{diffType}", // Gitea
      parameters: [
        inPath("owner", text),
        inPath("repo", text),
        inPath("index", integer),
        inPath("diffType", { type: "string", enum: ["diff", "patch"] }),
      ],
      values: { owner: "o", repo: "r.js", index: 7, diffType: "patch" },
      wire: "/repos/o/r.js/pulls/7.patch",
    },
    {
      template: "/media/{id}.{extension}", // CallFire: the extension any text
      parameters: [inPath("id", integer), inPath("extension", text)],
      values: { id: 12, extension: "tar.gz" },
      wire: "/media/12.tar.gz",
    },
    {
      template: "/records/{record_id}.{format}", // DigitalNZ
      parameters: [inPath("record_id", text), inPath("format", formats)],
      values: { record_id: "v1.2", format: "json" },
      wire: "/records/v1.2.json",
    },
    {
      template: "/profiles/{id}{mediaTypeExtension}", // Buffer
      parameters: [inPath("id", text), inPath("mediaTypeExtension", { type: "string", enum: [".json"] })],
      values: { id: "4eb854340acb04e870000010", mediaTypeExtension: ".json" },
      wire: "/profiles/4eb854340acb04e870000010.json",
    },
    {
      template: "/cargo/getRoute/{origin}-{destination}/{fromDate}", // Lufthansa, a pattern on each airport code
      parameters: [
        inPath("origin", { type: "string", pattern: "^[A-Z]{3}$" }),
        inPath("destination", { type: "string", pattern: "^[A-Z]{3}(-T[0-9])?$" }),
        inPath("fromDate", { type: "string", format: "date" }),
      ],
      values: { origin: "FRA", destination: "JFK-T4", fromDate: "2026-12-05" },
      wire: "/cargo/getRoute/FRA-JFK-T4/2026-12-05",
    },
  ])("$template: $wire", async ({ template, parameters, values, wire }) => {
    const { violations, seen } = await send(template, parameters, { path: values });
    expect(violations).toEqual([]);
    expect([seen?.url.pathname, seen?.path]).toEqual([wire, values]);
  });

  it("a schema decides where it can; where it cannot, earlier parameters take the longest parts", async () => {
    // `a-b-1-c` in `{name}-{version}` is what a client sends for `a-b` and `1-c` as for `a-b-1` and `c`.
    const free = [inPath("name", text), inPath("version", text)];
    const numbered = [free[0]!, inPath("version", { type: "string", pattern: "^[0-9]" })];
    const path = { name: "a-b", version: "1-c" };
    const decided = await send("/p/{name}-{version}", numbered, { path });
    expect(decided.violations).toEqual([]);
    expect([decided.seen?.url.pathname, decided.seen?.path]).toEqual(["/p/a-b-1-c", path]);
    const open = await send("/p/{name}-{version}", free, { path });
    expect(open.violations).toEqual([]);
    expect([open.seen?.url.pathname, open.seen?.path]).toEqual(["/p/a-b-1-c", { name: "a-b-1", version: "c" }]);
  });
});

describe("whatever parameters share a segment, the handler gets the values the app sent (property-based)", () => {
  type Kind = "string" | "integer" | "enum" | "label";
  const ENUM = ["json", "xml", "csv", "html", "txt"]; // none ends another: only one can end a segment's text
  const NAMES = ["id", ".format", ";m", "+r", "v*", "x-y", "ünï", "a.b", "insight_id:", "name"];
  const SEPARATORS = ["", "", "", ".", ".", "-", "-", ",", "@", "F", "',", "-issues-", ":", "é", ";", "="];
  const EDGES = ["", "v", "carrier@", "(", ".zip", "')", "é", "~"];
  const LABEL: ParameterStyle = { style: "label", explode: false };

  interface Placed {
    readonly kind: Kind;
    readonly value: string | number;
  }

  // Text with what separators and encoding meet: `.`, `-`, `;`, `%`, quotes, letters, digits, non-ASCII.
  const textValue = fc
    .array(
      fc.oneof(
        fc.constantFrom(..."..--;%,'=@:~ /aF19é💡"),
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 2 }),
      ),
      {
        minLength: 1,
        maxLength: 8,
      },
    )
    .map((parts) => parts.join(""));
  const placed: fc.Arbitrary<Placed> = fc.oneof(
    fc.record({ kind: fc.constant("string" as const), value: textValue }),
    fc.record({ kind: fc.constant("integer" as const), value: fc.integer({ min: -1e6, max: 1e6 }) }),
    fc.record({ kind: fc.constant("enum" as const), value: fc.constantFrom(...ENUM) }),
    fc.record({ kind: fc.constant("label" as const), value: textValue }),
  );
  const schemaOf = (kind: Kind): JsonSchema =>
    kind === "integer" ? { type: "integer" } : kind === "enum" ? { type: "string", enum: ENUM } : { type: "string" };

  /** How a client writes each kind of value (RFC 6570: simple, or label with its leading dot). */
  const written = ({ kind, value }: Placed) =>
    kind === "label" ? `.${encodeURIComponent(value)}` : encodeURIComponent(String(value));

  const segment = fc.record({
    before: fc.constantFrom(...EDGES),
    after: fc.constantFrom(...EDGES),
    parts: fc.array(fc.record({ separator: fc.constantFrom(...SEPARATORS), placed }), { minLength: 1, maxLength: 3 }),
  });

  /**
   * Whether the values are the only split the rule documented in the README gives: after a separator, that separator
   * appears nowhere later in the segment's text; two parameters side by side are told apart by the second being one
   * of an enum none of whose members ends another, or by the first being an integer the second cannot continue.
   */
  function determined(parts: readonly { separator: string; placed: Placed }[]): boolean {
    return parts.every(({ separator, placed }, index) => {
      if (index === 0) return true;
      const previous = parts[index - 1]!.placed;
      if (separator === "") {
        const sideBySide = parts[index + 1]?.separator === "";
        return (
          (placed.kind === "enum" && !sideBySide) || (previous.kind === "integer" && !/^[0-9]/.test(written(placed)))
        );
      }
      const rest = parts
        .slice(index)
        .map((part) => encodeURI(part.separator) + written(part.placed))
        .join("");
      return rest.indexOf(encodeURI(separator), 1) === -1;
    });
  }

  it("templates of several segments, each holding parameters of every kind between separators", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(segment, { minLength: 1, maxLength: 3 })
          .filter((segments) => segments.every((s) => determined(s.parts))),
        fc.shuffledSubarray(NAMES, { minLength: NAMES.length, maxLength: NAMES.length }),
        async (segments, names) => {
          let next = 0;
          const parameters: Declared[] = [];
          const values: Record<string, unknown> = {};
          const template = segments
            .map(({ before, after, parts }) => {
              const inner = parts
                .map(({ separator, placed }, index) => {
                  const name = names[next++]!;
                  parameters.push(inPath(name, schemaOf(placed.kind), placed.kind === "label" ? LABEL : undefined));
                  values[name] = placed.value;
                  return `${index === 0 ? "" : separator}{${name}}`;
                })
                .join("");
              return `/s${before}${inner}${after}`;
            })
            .join("");
          let result: Awaited<ReturnType<typeof send>>;
          try {
            result = await send(template, parameters, { path: values });
          } catch (error) {
            // A value the client refuses to send: "." or "..", or written as one.
            fc.pre(!(error instanceof InvalidPathParameterError));
            throw error;
          }
          expect(result.violations).toEqual([]);
          expect(result.seen?.path).toEqual(values);
        },
      ),
      { numRuns: 300 },
    );
  });
});

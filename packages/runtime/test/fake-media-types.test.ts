import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFakeApi, type ResponseData, type SpecData } from "../src/testing/index.js";
import { negotiatedMedia } from "../src/testing/negotiation.js";

// One report in JSON (the first media type), CSV or XML; the XML example is given as an object, as some specs do.
type Paths = {
  "/report": {
    get: {
      responses: {
        200: { content: { "application/json": { total: number }; "text/csv": string; "application/xml": string } };
      };
    };
  };
};
const report: ResponseData = {
  contentType: "application/json",
  schema: { type: "object", required: ["total"], properties: { total: { type: "number" } } },
  example: { total: 42 },
  alternatives: [
    { contentType: "text/csv", schema: { type: "string" }, example: "total\n42\n" },
    { contentType: "application/xml", schema: { type: "object" }, example: { total: 42 } },
  ],
};
const spec: SpecData = {
  basePath: "",
  securitySchemes: {},
  operations: { "GET /report": { id: "getReport", security: [], parameters: [], responses: { "200": report } } },
  responses: {},
  schemas: {},
};

const get = (fake: ReturnType<typeof createFakeApi<Paths>>, accept?: string) =>
  fake.fetch(new Request("https://api.example.test/report", accept ? { headers: { accept } } : {}));

describe("fake API: a response the spec declares in several media types", () => {
  it("answers in the one the request's Accept weighs most, the first one without an Accept", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Reports" });
    const answers = [];
    for (const accept of [undefined, "text/csv", "text/csv;q=0.5, application/json", "text/*", "image/png"]) {
      const response = await get(fake, accept);
      answers.push([accept, response.headers.get("content-type"), await response.text()]);
    }
    expect(answers).toEqual([
      [undefined, "application/json", '{"total":42}'],
      ["text/csv", "text/csv", "total\n42\n"],
      ["text/csv;q=0.5, application/json", "application/json", '{"total":42}'],
      ["text/*", "text/csv", "total\n42\n"],
      ["image/png", "application/json", '{"total":42}'], // none accepted: the first, as most servers answer
    ]);
    expect(() => fake.verify()).not.toThrow();
  });

  it("writes an object example of a type that is not JSON as JSON, never as [object Object]", async () => {
    const response = await get(createFakeApi<Paths>({ spec, name: "Reports" }), "application/xml");
    expect(response.headers.get("content-type")).toBe("application/xml");
    expect(await response.text()).toBe('{"total":42}');
  });

  it("sends a handler's text in the type asked for, and its object as checked JSON", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Reports" });
    fake.on("GET /report", () => "total\n7\n" as never, { times: 1 });
    const csv = await get(fake, "text/csv");
    expect([csv.headers.get("content-type"), await csv.text()]).toEqual(["text/csv", "total\n7\n"]);

    fake.on("GET /report", () => ({ total: "seven" }) as never);
    const json = await get(fake, "text/csv");
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(fake.violations).toEqual([
      expect.stringContaining(
        'response 200 from the test\'s handler: body at /total: expected type "number", found string "seven"',
      ),
    ]);
  });
});

describe("fake API: a response declared in a media range", () => {
  // Spring's generated specs declare every answer in `*/*`; no server answers with a range.
  const rangeSpec = (contentType: string): SpecData => ({
    ...spec,
    operations: {
      "GET /report": {
        id: "getReport",
        security: [],
        parameters: [],
        responses: { "200": { contentType, schema: {}, example: { total: 42 } } },
      },
    },
  });
  const answered = async (contentType: string, handlerBody?: unknown) => {
    const fake = createFakeApi<Paths>({ spec: rangeSpec(contentType), name: "Reports" });
    if (handlerBody !== undefined) fake.on("GET /report", () => handlerBody as never);
    const response = await get(fake, "*/*");
    expect(fake.violations).toEqual([]);
    return [response.headers.get("content-type"), await response.text()];
  };

  it("answers in a type inside the range that fits the body: JSON, text or bytes", async () => {
    expect(await answered("*/*")).toEqual(["application/json", '{"total":42}']);
    expect(await answered("*/*", "plain words")).toEqual(["text/plain", "plain words"]);
    expect(await answered("*/*", new Uint8Array([104, 105]))).toEqual(["application/octet-stream", "hi"]);
    expect(await answered("application/*")).toEqual(["application/json", '{"total":42}']);
    expect(await answered("text/*", "plain words")).toEqual(["text/plain", "plain words"]);
  });
});

describe("negotiatedMedia", () => {
  const declared = [report, ...(report.alternatives ?? [])];

  it("picks one of the declared media types whatever the Accept header holds", () => {
    fc.assert(
      fc.property(
        fc.option(fc.string(), { nil: null }),
        fc.option(fc.anything(), { nil: undefined }),
        (accept, body) => {
          expect(declared).toContain(negotiatedMedia(report, accept, body));
        },
      ),
    );
  });

  it("picks a type the Accept header weighs most, or the first when it accepts none", () => {
    const ranges = fc.constantFrom("application/json", "text/csv", "application/xml", "text/*", "*/*", "image/png");
    const weights = fc.constantFrom("", ";q=0", ";q=0.3", ";q=0.9", ";q=1");
    fc.assert(
      fc.property(fc.array(fc.tuple(ranges, weights), { minLength: 1, maxLength: 5 }), (parts) => {
        const accept = parts.map(([range, weight]) => range + weight).join(", ");
        const chosen = negotiatedMedia(report, accept);
        const exact = (type: string) => parts.find(([range]) => range === type)?.[1];
        const weightOf = (type: string) => {
          const given = exact(type) ?? exact(`${type.split("/")[0]}/*`) ?? exact("*/*");
          return given === undefined ? 0 : given === "" ? 1 : Number(given.slice(3));
        };
        const most = Math.max(...declared.map((media) => weightOf(media.contentType!)));
        expect(weightOf(chosen.contentType!)).toBe(most);
        if (most === 0) expect(chosen).toBe(report);
      }),
    );
  });
});

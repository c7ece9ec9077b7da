// Operations every security alternative of which names a scheme keyway does not send (a key in the query string or a
// cookie, HTTP digest): the metadata marks them `unsendable` and the rest of the API is generated as before; only a
// spec none of whose operations can be called stops. new-client's test calls none of them, and they make no
// credential option optional.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseOperation, credentialOptions } from "../lib/new-client/api.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";

const SCHEMES = {
  Header: { type: "apiKey", in: "header", name: "X-Key" },
  Bearer: { type: "http", scheme: "bearer" },
  Query: { type: "apiKey", in: "query", name: "key" },
  Cookie: { type: "apiKey", in: "cookie", name: "session" },
  Digest: { type: "http", scheme: "digest" },
};
type Scheme = keyof typeof SCHEMES;
const SENT: readonly Scheme[] = ["Header", "Bearer"];

/** A spec of operations `GET /op<i>`, each with its own `security` (`undefined`: the spec's). */
function specOf(operations: (Scheme[][] | undefined)[], root: Scheme[][] = [["Header"]]) {
  const requirement = (alternative: Scheme[]) => Object.fromEntries(alternative.map((name) => [name, []]));
  return {
    openapi: "3.1.0",
    info: { title: "Mixed", version: "1" },
    components: { securitySchemes: SCHEMES },
    security: root.map(requirement),
    paths: Object.fromEntries(
      operations.map((security, index) => [
        `/op${index}`,
        {
          get: {
            operationId: `op${index}`,
            ...(security ? { security: security.map(requirement) } : {}),
            responses: {
              "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } },
            },
          },
        },
      ]),
    ),
  };
}

const alternative = fc.uniqueArray(fc.constantFrom(...(Object.keys(SCHEMES) as Scheme[])), { maxLength: 2 });
const operations = fc.array(fc.option(fc.array(alternative, { maxLength: 3 }), { nil: undefined }), {
  minLength: 1,
  maxLength: 6,
});
const rootSecurity = fc.array(alternative, { maxLength: 2 });

describe("deriveMeta on operations keyway can authenticate in part, in whole or not at all", () => {
  it("marks exactly the operations no alternative of which it sends, keeps the others' sendable ones, and stops only when every operation is marked", () => {
    fc.assert(
      fc.property(operations, rootSecurity, (declared, root) => {
        const spec = specOf(declared, root);
        const expected = declared.map((own) => {
          const alternatives = own ?? root;
          const sendable = alternatives.filter((names) => names.every((name) => SENT.includes(name)));
          const refused = alternatives.length > 0 && sendable.length === 0;
          const unsendable = [...new Set(alternatives.flat().filter((name) => !SENT.includes(name)))];
          return { sendable, unsendable: refused ? unsendable : undefined };
        });
        if (expected.every(({ unsendable }) => unsendable)) {
          expect(() => deriveMeta(spec, "specs/mixed.json")).toThrow(
            /^GET \/op0 in specs\/mixed\.json can only be authenticated with "(Query|Cookie|Digest)"/,
          );
          return;
        }
        const meta = deriveMeta(spec, "specs/mixed.json");
        expected.forEach(({ sendable, unsendable }, index) => {
          const operation = meta.operations[`GET /op${index}`];
          expect(operation.security).toEqual([...new Map(sendable.map((names) => [names.join(), names])).values()]);
          expect(operation.unsendable).toEqual(unsendable);
        });
        const marked = expected.filter(({ unsendable }) => unsendable);
        const warned = meta.warnings.filter(
          (warning: string) => warning.includes("It is typed") || warning.includes("They are typed"),
        );
        expect(warned.join("\n").match(/\n {4}GET \/op\d+ \(op\d+\)/g) ?? []).toHaveLength(marked.length);
        const named = [...new Set(marked.flatMap(({ unsendable }) => unsendable ?? []))].sort();
        expect(Object.keys(meta.unsendableSchemes ?? {})).toEqual(named);
      }),
      { numRuns: 300 },
    );
  });

  it("counts the other operations it stops for in plain words (NYT Semantic's two query-key operations read 'each of its 1 other operation')", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), (count) => {
        const spec = specOf(Array.from({ length: count }, () => [["Query" as const]]));
        const alike =
          {
            1: ": keyway sends",
            2: " (as can its other operation): keyway sends",
          }[count] ?? ` (as can each of its ${count - 1} other operations): keyway sends`;
        expect(() => deriveMeta(spec, "specs/mixed.json")).toThrow(
          `GET /op0 in specs/mixed.json can only be authenticated with "Query" (an API key in the query string)${alike}`,
        );
      }),
      { numRuns: 20 },
    );
  });
});

describe("deriveMeta on AWS's request signatures (every amazonaws.com spec's hmac scheme)", () => {
  /** A spec of one operation whose alternatives are AWS's `hmac` scheme (an API key in Authorization with `authType`), and `others`. */
  const awsSpec = (authType: string, others: Record<string, unknown> = {}) => ({
    openapi: "3.0.0",
    info: { title: "Amazon", version: "1" },
    components: {
      securitySchemes: {
        hmac: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": authType },
        ...others,
      },
    },
    security: [{ hmac: [] }, ...Object.keys(others).map((name) => ({ [name]: [] }))],
    paths: { "/#X-Amz-Target=Svc.Op": { post: { operationId: "Op", responses: { "200": { description: "ok" } } } } },
  });
  const signature = fc
    .constantFrom("awsSigv4", "awsSigv2", "awsS3")
    .chain((type) => fc.constantFrom(type, type.toLowerCase(), type.toUpperCase()));

  it("refuses an API only a signature opens, saying why a fixed Authorization value cannot be it and what can sign", () => {
    fc.assert(
      fc.property(signature, (authType) => {
        expect(() => deriveMeta(awsSpec(authType), "specs/aws.json")).toThrow(
          `POST /#X-Amz-Target=Svc.Op in specs/aws.json can only be authenticated with "hmac" (AWS's ${authType} request ` +
            "signature): AWS computes it for each request from its method, URL, headers and body with the caller's " +
            "secret key, which keyway does not do: a fixed Authorization value is refused. Fix: sign the requests with AWS's SDK",
        );
      }),
      { numRuns: 20 },
    );
  });

  it("sends an operation's other alternative, and a custom authorizer's token as the key it is", () => {
    const meta = deriveMeta(
      awsSpec("awsSigv4", { key: { type: "apiKey", in: "header", name: "X-Api-Key" } }),
      "specs/aws.json",
    );
    expect(meta.operations["POST /#X-Amz-Target=Svc.Op"].security).toEqual([["key"]]);
    expect(meta.warnings.join("\n")).toContain(
      `security scheme "hmac" in specs/aws.json is AWS's awsSigv4 request signature`,
    );
    expect(deriveMeta(awsSpec("custom"), "specs/aws.json").securitySchemes).toEqual({
      hmac: { header: "Authorization", secret: true },
    });
  });
});

describe("new-client on such a spec", () => {
  it("never has its test call an operation keyway cannot authenticate, however well it would test", () => {
    // GET /op0 is the better test by every other measure (its 200 has a schema, it needs no parameter).
    const spec = specOf([[["Query"]], [["Header"]]]);
    spec.paths["/op1"]!.get.responses["200"] = {
      description: "ok",
      content: { "text/plain": { schema: { type: "object" } } },
    };
    expect(chooseOperation(spec, deriveMeta(spec, "specs/mixed.json"))).toMatchObject({ path: "/op1" });
  });

  it("says why when only such operations could be tested", () => {
    const spec = specOf([[["Query"]], [[]]]);
    const list = { type: "array", items: { type: "string" }, minItems: 2 };
    (spec.paths["/op1"]!.get as { parameters?: unknown }).parameters = [
      { name: "ids", in: "query", required: true, schema: list },
    ];
    expect(() => chooseOperation(spec, deriveMeta(spec, "specs/mixed.json"))).toThrow(
      "Passed over: 1 with only security schemes keyway does not send, such as GET /op0; 1 with a required parameter " +
        "that is an object or a list of several items, such as GET /op1",
    );
  });

  it("keeps an option required when only operations it cannot call lack it", () => {
    const spec = specOf([[["Query"]], [["Header"]], undefined]);
    const meta = deriveMeta(spec, "specs/mixed.json");
    expect(credentialOptions(spec, meta)).toMatchObject([
      { option: "header", required: true },
      { option: "bearer", required: false },
    ]);
  });
});

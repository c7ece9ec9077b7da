import { describe, expect, it } from "vitest";
import { chooseOperation } from "../lib/new-client/api.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";

/** A spec of the given operations (`"get /path"` → operation), all authenticated by one header key. */
function specOf(operations: Record<string, Record<string, unknown>>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, operation] of Object.entries(operations)) {
    const [method, path] = key.split(" ") as [string, string];
    paths[path] = { ...paths[path], [method]: operation };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Choice", version: "1" },
    components: { securitySchemes: { Key: { type: "apiKey", in: "header", name: "X-Key" } } },
    security: [{ Key: [] }],
    paths,
  };
}

const answering = (content: Record<string, unknown>) => ({
  responses: { "200": { description: "ok", content } },
});

describe("chooseOperation: the operation new-client's generated test calls", () => {
  it("says why each operation was passed over when none can be called, naming one of each", () => {
    const spec = specOf({
      "get /report.pdf": answering({ "application/pdf": { schema: { type: "string" } } }),
      "get /jokes": answering({ "application/json": { example: { joke: "…" } } }),
      "get /jokes/random": answering({ "application/json": {} }),
      "delete /jokes/{id}": { responses: { "204": { description: "gone" } } },
    });
    expect(() => chooseOperation(spec, deriveMeta(spec, "specs/choice.json"))).toThrow(
      "Passed over: 2 with no JSON 2xx body, such as GET /report.pdf; 2 with a JSON 2xx body without a schema, such as GET /jokes",
    );
  });

  it("prefers a GET whose JSON response has a schema, in a fragment-free or fragment path alike", () => {
    const spec = specOf({
      "post /#X-Amz-Target=Svc.Start": answering({ "application/json": { schema: { type: "object" } } }),
      "get /things": answering({ "application/json": { schema: { type: "array" } } }),
    });
    expect(chooseOperation(spec, deriveMeta(spec, "specs/choice.json"))).toMatchObject({
      method: "GET",
      path: "/things",
    });
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseOperation } from "../lib/new-client/api.mjs";
import { callOf } from "../lib/new-client/package-files.mjs";
import { sampleValue } from "../lib/new-client/samples.mjs";
import { deriveMeta } from "../lib/spec/meta.mjs";
import { keyedDocument } from "./fixtures/keyed-document.js";

/** A spec of the given operations (`"get /path"` → operation), all authenticated by one header key. */
function specOf(operations: Record<string, Record<string, unknown>>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, operation] of Object.entries(operations)) {
    const [method, path] = key.split(" ") as [string, string];
    paths[path] = { ...paths[path], [method]: operation };
  }
  return keyedDocument("Choice", paths);
}

const answering = (content: Record<string, unknown>) => ({
  responses: { "200": { description: "ok", content } },
});

const choose = (spec: ReturnType<typeof specOf>) => chooseOperation(spec, deriveMeta(spec, "specs/choice.json"));

describe("chooseOperation: the operation new-client's generated test calls", () => {
  it("says why each operation was passed over when none can be called, naming one of each", () => {
    const json = answering({ "application/json": { schema: { type: "object" } } });
    const spec = specOf({
      "get /me": { parameters: [{ name: "ids", in: "query", required: true, schema: { type: "array" } }], ...json },
      "post /upload": {
        requestBody: { required: true, content: { "application/xml": { schema: { type: "object" } } } },
        responses: { "204": { description: "stored" } },
      },
      "get /filtered": {
        parameters: [{ name: "filter", in: "query", required: true, schema: { type: "object" } }],
        ...json,
      },
    });
    expect(() => choose(spec)).toThrow(
      "Passed over: 2 with a required parameter that is an object or a list of several items, such as GET /me; 1 with " +
        "a required request body that is neither JSON, a form of fields nor text, such as POST /upload",
    );
  });

  it("passes over what fetch cannot send: a required body on a GET or HEAD, and the TRACE method", () => {
    const json = answering({ "application/json": { schema: { type: "object" } } });
    const body = { required: true, content: { "application/json": { schema: { type: "object" } } } };
    const spec = specOf({
      "get /search": { requestBody: body, ...json },
      "head /search": { requestBody: body, ...json },
      "trace /search": json,
    });
    expect(() => choose(spec)).toThrow(
      "Passed over: 2 with a required body on a GET or HEAD, which fetch does not send, such as GET /search; 1 with " +
        "the TRACE method, which fetch does not send, such as TRACE /search",
    );
    const withPost = specOf({
      "get /search": { requestBody: body, ...json },
      "post /search": { requestBody: body, ...json },
    });
    expect(choose(withPost)).toMatchObject({ method: "POST", path: "/search" });
  });

  it("calls an operation that declares no 2xx when nothing else can be called: its default is the success, as the types read it", () => {
    // Reverb's 163 operations answer only `default`; OpenAPI 3.1 lets an operation leave its responses out.
    const defaultOnly = specOf({
      "get /listings": {
        responses: {
          default: { description: "any", content: { "application/hal+json": { schema: { type: "object" } } } },
        },
      },
    });
    expect(choose(defaultOnly)).toMatchObject({
      method: "GET",
      reply: { status: "2XX", kind: "json", mediaType: "application/hal+json" },
    });
    for (const responses of [undefined, { "400": { description: "bad" } }, { default: { description: "none" } }]) {
      const spec = specOf({ "put /anything": responses ? { responses } : {} });
      expect(choose(spec)).toMatchObject({ method: "PUT", reply: { status: "2XX", kind: "empty" } });
    }
    // A declared success is still preferred, over a GET too.
    const both = specOf({
      "get /listings": { responses: { default: { description: "any" } } },
      "delete /listings/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "204": { description: "deleted" } },
      },
    });
    expect(choose(both)).toMatchObject({ method: "DELETE", reply: { status: "204", kind: "empty" } });
  });

  it("gives a required list parameter one item, written as that item in every style but deepObject", () => {
    const list = { type: "array", items: { type: "string", enum: ["available", "sold"] } };
    const spec = specOf({
      "post /anything": {
        parameters: [{ name: "status", in: "query", required: true, explode: true, schema: list }],
        ...answering({ "application/json": { schema: { type: "object" } } }),
      },
    });
    expect(choose(spec).required).toMatchObject([{ name: "status" }]);
    expect(sampleValue(list, "status")).toEqual(["available"]);
  });

  it("calls an operation whose required body is a form of fields when nothing else can be called, sending an object", () => {
    // synq.fm's operations all take a multipart form (api_key and the video's fields), Nexmo SMS's a URL-encoded one.
    const form = (mediaType: string, required = true) => ({
      requestBody: {
        required,
        content: {
          [mediaType]: {
            schema: {
              type: "object",
              required: ["api_key", "video_id"],
              properties: {
                api_key: { type: "string" },
                video_id: { type: "string" },
                file: { type: "string", format: "binary" },
              },
            },
          },
        },
      },
      ...answering({ "application/json": { schema: { type: "object" } } }),
    });
    for (const mediaType of ["multipart/form-data", "application/x-www-form-urlencoded; charset=utf-8"]) {
      const choice = choose(specOf({ "post /video/details": form(mediaType) }));
      expect(choice).toMatchObject({ method: "POST", path: "/video/details" });
      expect(sampleValue(choice.body, "body")).toEqual({ api_key: "api_key-1", video_id: "video_id-1" });
    }
    // A form composed of parts is a form of fields too.
    const composed = form("multipart/form-data");
    const content = composed.requestBody.content["multipart/form-data"] as { schema: unknown };
    content.schema = { allOf: [content.schema, { properties: { note: { type: "string" } } }] };
    expect(choose(specOf({ "post /video/details": composed }))).toMatchObject({ path: "/video/details" });
  });

  it("prefers any operation whose body is not a form, and passes over a form whose schema is no object", () => {
    const withForm = {
      "post /video/details": {
        requestBody: {
          required: true,
          content: { "multipart/form-data": { schema: { type: "object", properties: {} } } },
        },
        ...answering({ "application/json": { schema: { type: "object" } } }),
      },
      "get /report.pdf": answering({ "application/pdf": { schema: { type: "string", format: "binary" } } }),
    };
    expect(choose(specOf(withForm))).toMatchObject({ method: "GET", path: "/report.pdf" });
    const bareText = {
      "post /notify": {
        requestBody: {
          required: true,
          content: { "application/x-www-form-urlencoded": { schema: { type: "string" } } },
        },
        ...answering({ "application/json": { schema: { type: "object" } } }),
      },
    };
    expect(() => choose(specOf(bareText))).toThrow(
      "1 with a required request body that is neither JSON, a form of fields nor text, such as POST /notify",
    );
  });

  it("calls an operation whose required body is text in another media type, after any JSON or form one", () => {
    const accepted = { responses: { "202": { description: "accepted" } } };
    const jwt = {
      "post /event-notifications": {
        requestBody: {
          required: true,
          content: { "application/jwt": { schema: { type: "string", format: "base64" } } },
        },
        ...accepted,
      },
    };
    const chosen = choose(specOf(jwt));
    expect(chosen).toMatchObject({ method: "POST", path: "/event-notifications" });
    expect(typeof callOf(chosen).init.body).toBe("string");
    const form = {
      requestBody: { required: true, content: { "application/x-www-form-urlencoded": { schema: { type: "object" } } } },
      ...accepted,
    };
    expect(choose(specOf({ ...jwt, "post /forms": form }))).toMatchObject({ path: "/forms" });
  });

  it("prefers a GET whose JSON response has a schema, in a fragment-free or fragment path alike", () => {
    const spec = specOf({
      "post /#X-Amz-Target=Svc.Start": answering({ "application/json": { schema: { type: "object" } } }),
      "get /things": answering({ "application/json": { schema: { type: "array" } } }),
    });
    expect(choose(spec)).toMatchObject({ method: "GET", path: "/things", reply: { kind: "json" } });
  });

  it("takes a typed JSON body over any GET, then JSON without a schema or no body, then another media type", () => {
    const operations = {
      "get /report.pdf": answering({ "application/pdf": { schema: { type: "string", format: "binary" } } }),
      "delete /jokes/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "204": { description: "gone" } },
      },
      "get /jokes/random": answering({ "application/json": {} }),
      "post /jokes": answering({ "application/json": { schema: { type: "object" } } }),
    };
    expect(choose(specOf(operations))).toMatchObject({ method: "POST", reply: { kind: "json" } });
    const { "post /jokes": _typed, ...untyped } = operations;
    expect(choose(specOf(untyped))).toMatchObject({
      path: "/jokes/random",
      reply: { kind: "untyped json", status: "200", mediaType: "application/json" },
    });
    const { "get /jokes/random": _json, ...bodyless } = untyped;
    expect(choose(specOf(bodyless))).toMatchObject({ method: "DELETE", reply: { kind: "empty", status: "204" } });
  });

  it("reads a body of another media type as text when it is text, XML, CSV or YAML, else as a Blob", () => {
    const replyTo = (type: string) => choose(specOf({ "get /export": answering({ [type]: {} }) })).reply;
    expect(replyTo("application/xml")).toEqual({ status: "200", kind: "text", mediaType: "application/xml" });
    expect(replyTo("text/csv; charset=utf-8")).toMatchObject({ kind: "text" });
    expect(replyTo("application/atom+xml")).toMatchObject({ kind: "text" });
    expect(replyTo("application/x-yaml")).toMatchObject({ kind: "text" });
    expect(replyTo("application/pdf")).toEqual({ status: "200", kind: "blob", mediaType: "application/pdf" });
    expect(replyTo("image/*")).toEqual({ status: "200", kind: "blob", mediaType: "application/octet-stream" });
  });

  it("answers with the operation's lowest 2xx, as the fake does, and with its JSON media type when it has one", () => {
    const spec = specOf({
      "put /things/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
        responses: {
          "2XX": { description: "other", content: { "application/json": { schema: { type: "object" } } } },
          "201": { description: "created", content: { "application/xml": {}, "application/json": {} } },
          "200": { description: "replaced", content: { "application/json": { schema: { type: "object" } } } },
        },
      },
    });
    expect(choose(spec).reply).toEqual({
      status: "200",
      kind: "json",
      mediaType: "application/json",
      schema: { type: "object" },
    });
    delete (spec.paths["/things/{id}"]!.put as { responses: Record<string, unknown> }).responses["200"];
    expect(choose(spec).reply).toMatchObject({ status: "201", kind: "untyped json" });
  });

  it("reads a 204 or 205 as no body whatever content it declares, and prefers a typed body elsewhere (AWS's 204s with JSON)", () => {
    const mediaType = fc.constantFrom("application/json", "application/xml", "text/plain", "application/pdf", "*/*");
    const media = fc.option(fc.constant({ schema: { type: "object", properties: { Tags: { type: "object" } } } }), {
      nil: {},
    });
    fc.assert(
      fc.property(
        fc.constantFrom("204", "205"),
        fc.dictionary(mediaType, media, { minKeys: 1 }),
        fc.boolean(),
        (status, content, withTypedPost) => {
          const spec = specOf({
            "get /tags/{ResourceArn}": {
              parameters: [{ name: "ResourceArn", in: "path", required: true, schema: { type: "string" } }],
              responses: { [status]: { description: "Success", content } },
            },
            ...(withTypedPost
              ? { "post /tags": answering({ "application/json": { schema: { type: "object" } } }) }
              : {}),
          });
          const chosen = choose(spec);
          if (withTypedPost) expect(chosen).toMatchObject({ method: "POST", reply: { kind: "json", status: "200" } });
          else expect(chosen).toMatchObject({ method: "GET", reply: { kind: "empty", status } });
        },
      ),
    );
  });
});

import { describe, expect, it } from "vitest";
import { createFakeApi, type OperationData, type SpecData } from "../src/testing/index.js";

// Path templates that differ only by a parameter's name, which OpenAPI forbids and vendors write anyway (HubSpot
// Files: `/folders/{folderId}` and `/folders/{folderPath}`, with GET and DELETE on both).
type Op = {
  parameters: { path: Record<string, string> };
  responses: { 200: { content: { "application/json": { by: string } } } };
};
interface Paths {
  "/folders/{folderId}": { get: Op; delete: Op };
  "/folders/{folderPath}": { get: Op; patch: Op };
}

const operation = (id: string, name: string): OperationData => ({
  id,
  security: [],
  parameters: [{ name, in: "path", required: true, schema: { type: "string" } }],
  responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { by: id } } },
});
const spec: SpecData = {
  basePath: "",
  securitySchemes: {},
  schemas: {},
  responses: {},
  operations: {
    "GET /folders/{folderId}": operation("getById", "folderId"),
    "DELETE /folders/{folderId}": operation("deleteById", "folderId"),
    "GET /folders/{folderPath}": operation("getByPath", "folderPath"),
    "PATCH /folders/{folderPath}": operation("patchByPath", "folderPath"),
  },
};

describe("fake API: paths that differ only by a parameter's name", () => {
  it("routes each method to the operation that has it, and a method both have to the first declared", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Folders" });
    const answers: unknown[] = [];
    for (const method of ["GET", "DELETE", "PATCH"]) {
      const response = await fake.fetch(new Request("https://api.example.test/folders/reports", { method }));
      answers.push(await response.json());
    }
    expect(answers).toEqual([{ by: "getById" }, { by: "deleteById" }, { by: "patchByPath" }]);
    expect(fake.calls("PATCH /folders/{folderPath}")[0]?.params.path).toEqual({ folderPath: "reports" });
    expect(() => fake.verify()).not.toThrow();
  });
});

// Operations told apart only by a label in their template (Box: `PUT /files/{file_id}#add_shared_link` beside
// `PUT /files/{file_id}`, both taking `fields`): alike on the wire, so the fake takes the one the request meets, and
// among those the one the test answers.
type Labelled = {
  parameters: { path: { file_id: string }; query?: { fields?: string } };
  requestBody: { content: { "application/json": Record<string, unknown> } };
  responses: { 200: { content: { "application/json": { by: string } } } };
};
interface LabelledPaths {
  "/files/{file_id}": { put: Labelled };
  "/files/{file_id}#add_shared_link": { put: Labelled };
}
const labelled = (id: string, body: SpecData["schemas"][string], fieldsRequired: boolean): OperationData => ({
  id,
  security: [],
  parameters: [
    { name: "file_id", in: "path", required: true, schema: { type: "string" } },
    { name: "fields", in: "query", required: fieldsRequired, schema: { type: "string" } },
  ],
  body: { contentType: "application/json", required: true, schema: body },
  responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { by: id } } },
});
const files: SpecData = {
  basePath: "",
  securitySchemes: {},
  schemas: {},
  responses: {},
  operations: {
    "PUT /files/{file_id}": labelled(
      "updateFile",
      { type: "object", additionalProperties: false, properties: { name: { type: "string" } } },
      false,
    ),
    "PUT /files/{file_id}#add_shared_link": labelled(
      "addSharedLink",
      { type: "object", required: ["shared_link"], properties: { shared_link: { type: "object" } } },
      true,
    ),
  },
};
const put = (fake: ReturnType<typeof createFakeApi<LabelledPaths>>, query: string, body: unknown) =>
  fake.fetch(`https://api.example.test/files/f1${query}`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("fake API: operations told apart by a label only", () => {
  it("routes a request to the one whose parameters and body it meets", async () => {
    const fake = createFakeApi<LabelledPaths>({ spec: files, name: "Files" });

    expect(await (await put(fake, "", { name: "report.pdf" })).json()).toEqual({ by: "updateFile" });
    expect(await (await put(fake, "?fields=shared_link", { shared_link: { access: "open" } })).json()).toEqual({
      by: "addSharedLink",
    });
    expect(fake.calls("PUT /files/{file_id}#add_shared_link")).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it("routes a request both meet to the one the test answers", async () => {
    const fake = createFakeApi<LabelledPaths>({ spec: files, name: "Files" });
    fake.on("PUT /files/{file_id}#add_shared_link", () => ({ by: "the test" }));

    const response = await put(fake, "?fields=shared_link", { shared_link: {} });

    expect(await response.json()).toEqual({ by: "the test" });
    expect(fake.calls("PUT /files/{file_id}")).toHaveLength(0);
  });

  it("reports a request that meets neither against the first", async () => {
    const fake = createFakeApi<LabelledPaths>({ spec: files, name: "Files" });

    expect((await put(fake, "", { size: 3 })).status).toBe(400);
    expect(fake.violations).toEqual([
      "PUT /files/{file_id}: request body at /size: is not a property the schema allows",
    ]);
  });
});

describe("fake API: paths that differ only by a parameter's name, answered by the test", () => {
  it("routes a method both have to the one the test answers", async () => {
    const fake = createFakeApi<Paths>({ spec, name: "Folders" });
    fake.on("GET /folders/{folderPath}", ({ params }) => ({ by: `path ${params.path.folderPath}` }));

    const response = await fake.fetch(new Request("https://api.example.test/folders/reports"));

    expect(await response.json()).toEqual({ by: "path reports" });
  });
});

describe("fake API: a template's query picks its operation by itself", () => {
  it("reports a request that sends it against that operation, whichever other one its body would meet", async () => {
    const send = (id: string, body: SpecData["schemas"][string]): OperationData => ({
      id,
      security: [],
      parameters: [{ name: "action", in: "query", schema: { type: "string" } }],
      body: { contentType: "application/json", required: true, schema: body },
      responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { by: id } } },
    });
    const messages: SpecData = {
      basePath: "",
      securitySchemes: {},
      schemas: {},
      responses: {},
      operations: {
        "POST /messages": send("createMessage", { type: "object" }),
        "POST /messages?action=send": send("sendMessage", { type: "object", required: ["to"] }),
      },
    };
    const fake = createFakeApi<LabelledPaths>({ spec: messages, name: "Messages" });

    const response = await fake.fetch("https://api.example.test/messages?action=send", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });

    expect(response.status).toBe(400);
    expect(fake.violations).toEqual(['POST /messages?action=send: request body: required property "to" is missing']);
  });
});

// Google's APIs name a method after a resource by a literal suffix (`/v1/{resource}:getIamPolicy` beside `/v1/{name}`,
// `/deployments/{deployment}:listRevisions` beside `/deployments/{deployment}`): a request for the suffixed path is the
// suffixed operation's, whichever the spec declares first, as OpenAPI matches the more concrete path first.
type Verb = {
  parameters: { path: Record<string, string>; query?: Record<string, string> };
  responses: { 200: { content: { "application/json": { by: string } } } };
};
interface VerbPaths {
  "/v1/{name}": { get: Verb };
  "/v1/{resource}:getIamPolicy": { get: Verb };
  "/v1/{name}/deployments/{deployment}": { get: Verb };
  "/v1/{name}/deployments/{deployment}:listRevisions": { get: Verb };
}
/** An operation answering `{ by: id }`, its path parameters strings unless `types` says otherwise. */
const verb = (
  id: string,
  names: readonly string[],
  query?: string,
  types: Record<string, string> = {},
): OperationData => ({
  id,
  security: [],
  parameters: [
    ...names.map((name) => ({ name, in: "path" as const, required: true, schema: { type: types[name] ?? "string" } })),
    ...(query ? [{ name: query, in: "query" as const, schema: { type: "integer" } }] : []),
  ],
  responses: { "200": { contentType: "application/json", schema: { type: "object" }, example: { by: id } } },
});

/** A fake of these operations, declared in reverse when `reversed`, and what it answers a GET of a path. */
function fakeOf<Paths extends {}>(entries: [string, OperationData][], reversed: boolean, name: string) {
  const fake = createFakeApi<Paths>({
    spec: { ...spec, operations: Object.fromEntries(reversed ? [...entries].reverse() : entries) },
    name,
  });
  const answer = async (path: string) =>
    (await (await fake.fetch(`https://api.example.test${path}`)).json()) as unknown;
  return { fake, answer };
}

describe("fake API: a path template with a literal suffix beside one without", () => {
  for (const order of ["plain first", "suffixed first"]) {
    it(`routes a request for the suffixed path to its operation, ${order} in the spec`, async () => {
      const entries: [string, OperationData][] = [
        ["GET /v1/{name}", verb("get", ["name"], "view")],
        ["GET /v1/{resource}:getIamPolicy", verb("getIamPolicy", ["resource"], "options.requestedPolicyVersion")],
        ["GET /v1/{name}/deployments/{deployment}", verb("getDeployment", ["name", "deployment"], "view")],
        [
          "GET /v1/{name}/deployments/{deployment}:listRevisions",
          verb("listRevisions", ["name", "deployment"], "pageSize"),
        ],
      ];
      const { fake, answer } = fakeOf<VerbPaths>(entries, order === "suffixed first", "Verbs");
      expect(await answer("/v1/projects%2Fp1:getIamPolicy?options.requestedPolicyVersion=3")).toEqual({
        by: "getIamPolicy",
      });
      expect(await answer("/v1/projects%2Fp1?view=1")).toEqual({ by: "get" });
      expect(await answer("/v1/a/deployments/d1:listRevisions?pageSize=2")).toEqual({ by: "listRevisions" });
      expect(await answer("/v1/a/deployments/d1?view=1")).toEqual({ by: "getDeployment" });
      expect(fake.calls("GET /v1/{resource}:getIamPolicy")[0]?.params.path).toEqual({ resource: "projects/p1" });
      expect(() => fake.verify()).not.toThrow();
    });
  }
});

// Callfire's `/media/{id}.{extension}` beside `/media/{id}` (an integer id): the dotted template holds more literal
// text, so it matches only paths the other matches too, and is the more concrete of the two, though it has more
// parameters.
interface MediaPaths {
  "/media/{id}": { get: Verb };
  "/media/{id}.{extension}": { get: Verb };
}

describe("fake API: a template with a literal between two parameters beside one with the first alone", () => {
  for (const order of ["plain first", "dotted first"]) {
    it(`routes the dotted path to its own operation, ${order} in the spec`, async () => {
      const entries: [string, OperationData][] = [
        ["GET /media/{id}", verb("getMedia", ["id"], undefined, { id: "integer" })],
        ["GET /media/{id}.{extension}", verb("getMediaFile", ["id", "extension"], undefined, { id: "integer" })],
      ];
      const { fake, answer } = fakeOf<MediaPaths>(entries, order === "dotted first", "Media");

      expect(await answer("/media/42.jpg")).toEqual({ by: "getMediaFile" });
      expect(await answer("/media/42")).toEqual({ by: "getMedia" });
      expect(fake.calls("GET /media/{id}.{extension}")[0]?.params.path).toEqual({ id: 42, extension: "jpg" });
      expect(() => fake.verify()).not.toThrow();
    });
  }
});

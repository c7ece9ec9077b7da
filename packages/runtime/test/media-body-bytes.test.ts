import { Readable } from "node:stream";
import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { createApiClient, InvalidRequestBodyError, mediaBodies, type ClientMeta } from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// Bytes where a runtime's fetch and keyway's own conversions part ways: inside a multipart plain object, as the
// async iterables (a Node stream, an async generator) that Node's, Bun's and Deno's fetch stream only with
// `duplex: "half"` and that workerd's and browsers' fetch refuse, a Blob appended to a FormData without a filename
// (Bun's FormData keeps it unnamed and sends `filename=""`, which many servers take for no file, where the FormData
// standard names it `blob`), and an empty Blob (Deno's fetch sends it chunked, with no `Content-Length`, which servers
// that require one refuse). Where Node's own FormData or fetch cannot show the runtime's way, an injected fetch sees
// what the runtime's fetch would be given.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "PUT /files/{name}": { id: "uploadFile", security: [["ApiKey"]], bodyMedia: "application/octet-stream" },
    "POST /documents": { id: "uploadDocument", security: [["ApiKey"]], bodyMedia: "multipart/form-data" },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Op<Body> = { requestBody: { content: Body }; responses: { 200: { content: { "application/json": unknown } } } };
interface Paths {
  "/files/{name}": { put: Op<{ "application/octet-stream": unknown }> & { parameters: { path: { name: string } } } };
  "/documents": { post: Op<{ "multipart/form-data": Record<string, unknown> | FormData }> };
}

const BYTES = [0x00, 0x41, 0x7f, 0x80, 0xff];

const servers: TestServer[] = [];
afterEach(async () => void (await Promise.all(servers.splice(0).map((server) => server.close()))));

async function filesApi() {
  let calls = 0;
  // The first request of each test is answered 503: a PUT is retried, and must send its body again, the same.
  const server = await startTestServer((_req, res) =>
    ++calls === 1 ? sendJson(res, 503, {}, { "retry-after-ms": "0" }) : sendJson(res, 200, {}),
  );
  servers.push(server);
  const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), mediaBodies });
  return { client, server };
}

/** The parts of the multipart body the server received last: a file as its name, type and bytes. */
async function receivedParts(server: TestServer) {
  const request = server.requests.at(-1)!;
  const form = await new Response(new Uint8Array(request.body), {
    headers: { "content-type": request.headers["content-type"]! },
  }).formData();
  return Promise.all(
    [...form].map(async ([name, value]) =>
      typeof value === "string"
        ? [name, value]
        : [name, { file: value.name, type: value.type, bytes: [...new Uint8Array(await value.arrayBuffer())] }],
    ),
  );
}

describe("bytes in a multipart plain object", () => {
  it("a Uint8Array, a Node Buffer, an ArrayBuffer or a DataView field is a file part of its bytes, not JSON text", async () => {
    const { client, server } = await filesApi();
    await client.POST("/documents", {
      body: {
        bytes: new Uint8Array(BYTES),
        buffer: Buffer.from(BYTES),
        raw: new Uint8Array(BYTES).buffer,
        view: new DataView(new Uint8Array(BYTES).buffer, 1, 2),
        pages: [new Uint8Array([1]), new Uint8Array([2])],
      },
    });
    const file = (bytes: number[]) => ({ file: "blob", type: "application/octet-stream", bytes });
    expect(await receivedParts(server)).toEqual([
      ["bytes", file(BYTES)],
      ["buffer", file(BYTES)],
      ["raw", file(BYTES)],
      ["view", file(BYTES.slice(1, 3))],
      ["pages", file([1])],
      ["pages", file([2])],
    ]);
  });

  it("a stream field fails before anything is sent, naming the field, rather than being sent as {}", async () => {
    const { client, server } = await filesApi();
    for (const [body, at] of [
      [{ file: new ReadableStream() }, "body.file"],
      [{ "cover image": [new Blob(["a"]), Readable.from(["b"])] }, 'body["cover image"][1]'],
    ] as const) {
      const error = await client.POST("/documents", { body }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidRequestBodyError);
      expect(error).toMatchObject({
        at,
        mediaType: "multipart/form-data",
        message: `The request body cannot be sent as multipart/form-data: ${at} is a stream, which a form field cannot hold (read it into a Blob first)`,
      });
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe("an async iterable of bytes (a Node stream, an async generator) to an upload", () => {
  it("is sent as a stream of its bytes, and again on a retry", async () => {
    async function* chunks() {
      yield new Uint8Array(BYTES.slice(0, 2));
      yield Buffer.from(BYTES.slice(2));
    }
    for (const body of [Readable.from([Buffer.from(BYTES.slice(0, 3)), Buffer.from(BYTES.slice(3))]), chunks()]) {
      const { client, server } = await filesApi();
      const { response } = await client.PUT("/files/{name}", { params: { path: { name: "a.bin" } }, body });
      expect(response.status).toBe(200);
      expect(server.requests.map((request) => [request.headers["content-type"], [...request.body]])).toEqual([
        ["application/octet-stream", BYTES],
        ["application/octet-stream", BYTES],
      ]);
    }
  });

  it("text chunks (a stream read as UTF-8) are sent as their UTF-8 bytes", async () => {
    const { client, server } = await filesApi();
    await client.PUT("/files/{name}", {
      params: { path: { name: "a.txt" } },
      body: Readable.from(["id,é\n", "1,a\n"]),
    });
    expect(server.requests.at(-1)!.body.toString("utf8")).toBe("id,é\n1,a\n");
  });

  it("a chunk that is neither bytes nor text fails the call with an InvalidRequestBodyError", async () => {
    const { client, server } = await filesApi();
    const error = await client
      .PUT("/files/{name}", { params: { path: { name: "a.bin" } }, body: Readable.from([{ id: 1 }]) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestBodyError);
    expect(error).toMatchObject({
      message:
        "The request body cannot be sent as application/octet-stream: body is a stream that yielded an object, not bytes or text",
    });
    expect(server.requests).toHaveLength(0);
  });
});

/** A client whose fetch records the body and the Content-Type it was given for each call. */
function recordingClient() {
  const sent: { body: unknown; contentType: string | null }[] = [];
  const { client } = createApiClient<Paths>({
    meta,
    baseUrl: "https://api.example.com",
    auth: apiKeyAuth(),
    mediaBodies,
    fetch: async (_url: unknown, init?: RequestInit) => {
      sent.push({ body: init?.body, contentType: new Headers(init?.headers).get("content-type") });
      return Response.json({ ok: true });
    },
  });
  return { client, sent };
}

/** A FormData whose entries iterate as Bun's do: a Blob appended without a filename comes back as a Blob, unnamed. */
class BunLikeFormData extends FormData {
  readonly #unnamed = new Set<string>();

  override append(name: string, value: string | Blob, filename?: string): void {
    if (typeof value !== "string" && filename === undefined && !(value instanceof File)) this.#unnamed.add(name);
    if (typeof value === "string" || filename === undefined) super.append(name, value as Blob);
    else super.append(name, value, filename);
  }

  override *entries(): FormDataIterator<[string, FormDataEntryValue]> {
    for (const [name, value] of super.entries())
      yield [
        name,
        typeof value !== "string" && this.#unnamed.has(name) ? (value.slice(0, value.size, value.type) as File) : value,
      ];
  }

  override [Symbol.iterator]() {
    return this.entries();
  }
}

/** The parts of the body fetch was given, as a runtime serializing it reads them: a file as its name, type and size. */
function partsOf(body: unknown) {
  return [...(body as FormData)].map(([name, value]) =>
    typeof value === "string" ? [name, value] : [name, { file: value.name, type: value.type, size: value.size }],
  );
}

describe("a FormData body", () => {
  it("names a Blob appended without a filename blob, as the FormData standard does, keeping every other field as it is", async () => {
    const { client, sent } = recordingClient();
    const form = new BunLikeFormData();
    form.append("title", "Q3 é");
    form.append("scan", new Blob([new Uint8Array([0, 255])], { type: "image/png" }));
    form.append("report", new File([new Uint8Array([1])], "report.pdf", { type: "application/pdf" }));
    form.append("notes", new Blob([new Uint8Array([2, 3, 4])]), "notes.bin");

    await client.POST("/documents", { body: form });

    expect(partsOf(sent[0]!.body)).toEqual([
      ["title", "Q3 é"],
      ["scan", { file: "blob", type: "image/png", size: 2 }],
      ["report", { file: "report.pdf", type: "application/pdf", size: 1 }],
      ["notes", { file: "notes.bin", type: "", size: 3 }],
    ]);
  });
});

describe("an empty request body", () => {
  it("an empty File, Blob or stream goes to fetch as zero bytes, in the operation's media type", async () => {
    const { client, sent } = recordingClient();
    const emptyStream = new ReadableStream({
      start(controller) {
        controller.close();
      },
    });
    for (const body of [new File([], "empty.png", { type: "image/png" }), new Blob([]), emptyStream])
      await client.PUT("/files/{name}", { params: { path: { name: "empty.bin" } }, body });

    const kindOf = (body: unknown) => Object.prototype.toString.call(body).slice(8, -1);
    const empty = { kind: "Uint8Array", size: 0, contentType: "application/octet-stream" };
    expect(
      sent.map(({ body, contentType }) => ({ kind: kindOf(body), size: (body as Uint8Array).byteLength, contentType })),
    ).toEqual([empty, empty, empty]);
  });
});

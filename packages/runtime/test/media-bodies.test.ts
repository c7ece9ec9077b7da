import { sendJson, startTestServer, type TestServer } from "@keyway/test-server";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createApiClient,
  InvalidRequestBodyError,
  mediaBodies,
  RequestAbortedError,
  RequestTimeoutError,
  type ClientMeta,
} from "../src/index.js";
import { apiKeyAuth } from "./harness.js";

// An API as vendors' specs describe uploads: raw bytes, an image of any type, CSV and plain text, a multipart form,
// and a JSON operation beside them.
const meta = {
  securitySchemes: { ApiKey: { header: "X-Api-Key", secret: true } },
  operations: {
    "PUT /files/{name}": { id: "uploadFile", security: [["ApiKey"]], bodyMedia: "application/octet-stream" },
    "POST /images": { id: "uploadImage", security: [["ApiKey"]], bodyMedia: "image/*" },
    "POST /notes": { id: "createNote", security: [["ApiKey"]], bodyMedia: "text/plain" },
    "POST /imports": { id: "importCsv", security: [["ApiKey"]], bodyMedia: "text/csv" },
    "POST /documents": { id: "uploadDocument", security: [["ApiKey"]], bodyMedia: "multipart/form-data" },
    "POST /events": { id: "createEvent", security: [["ApiKey"]] },
    "POST /photos": { id: "uploadPhoto", security: [["ApiKey"]], bodyMedia: "image/gif, image/jpeg, image/png" },
    "POST /attachments": {
      id: "attach",
      security: [["ApiKey"]],
      bodyMedia: "application/octet-stream, multipart/form-data",
    },
    "POST /profiles": {
      id: "createProfile",
      security: [["ApiKey"]],
      bodyMedia: "application/json, multipart/form-data",
    },
    "PUT /blobs/{name}": {
      id: "putBlob",
      security: [["ApiKey"]],
      bodyMedia: "application/json, application/octet-stream",
    },
    "PATCH /records/{id}": {
      id: "patchRecord",
      security: [["ApiKey"]],
      bodyMedia: "application/merge-patch+json, application/json-patch+json",
    },
  },
} as const satisfies ClientMeta<"ApiKey">;

type Op<Body> = { requestBody: { content: Body }; responses: { 200: { content: { "application/json": unknown } } } };
type Binary = Blob | ArrayBuffer | ArrayBufferView | ReadableStream | string;
interface Paths {
  "/files/{name}": {
    put: Op<{ "application/octet-stream": Binary }> & { parameters: { path: { name: string } } };
  };
  "/images": { post: Op<{ "image/*": Binary }> };
  "/notes": { post: Op<{ "text/plain": string }> };
  "/imports": { post: Op<{ "text/csv": string | Blob }> };
  "/documents": { post: Op<{ "multipart/form-data": FormData | Record<string, unknown> }> };
  "/events": { post: Op<{ "application/json": unknown }> };
  "/photos": { post: Op<{ "image/gif": Binary; "image/jpeg": Binary; "image/png": Binary }> };
  "/attachments": { post: Op<{ "application/octet-stream": Binary; "multipart/form-data": Record<string, unknown> }> };
  "/profiles": {
    post: Op<{ "application/json": Record<string, unknown>; "multipart/form-data": Record<string, unknown> }>;
  };
  "/blobs/{name}": {
    put: Op<{ "application/json": Record<string, unknown>; "application/octet-stream": Binary }> & {
      parameters: { path: { name: string } };
    };
  };
  "/records/{id}": {
    patch: Op<{ "application/merge-patch+json": Record<string, unknown>; "application/json-patch+json": unknown[] }> & {
      parameters: { path: { id: string } };
    };
  };
}

const servers: TestServer[] = [];
afterEach(async () => void (await Promise.all(servers.splice(0).map((server) => server.close()))));

async function filesApi() {
  const server = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }));
  servers.push(server);
  const { client } = createApiClient<Paths>({ meta, baseUrl: server.url, auth: apiKeyAuth(), mediaBodies });
  return { client, server };
}

/** What the server received: the method, its Content-Type and the exact bytes. */
const received = (server: TestServer) => {
  const request = server.requests.at(-1)!;
  return { method: request.method, contentType: request.headers["content-type"], bytes: [...request.body] };
};

/** The multipart body the server received, parsed back as fetch parses one. */
const receivedForm = (server: TestServer) => {
  const request = server.requests.at(-1)!;
  return new Request("http://localhost/", {
    method: "POST",
    headers: { "content-type": request.headers["content-type"]! },
    body: new Uint8Array(request.body),
  }).formData();
};

const BYTES = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff];

describe("an operation whose body is not JSON sends it as it is, as its media type", () => {
  it("a Blob to an octet-stream operation: its bytes, 0x00 and 0xFF intact, as application/octet-stream", async () => {
    const { client, server } = await filesApi();
    await client.PUT("/files/{name}", { params: { path: { name: "a.bin" } }, body: new Blob([new Uint8Array(BYTES)]) });
    expect(received(server)).toEqual({ method: "PUT", contentType: "application/octet-stream", bytes: BYTES });
  });

  it("a Uint8Array, an ArrayBuffer, a DataView and a ReadableStream: the same bytes", async () => {
    const { client, server } = await filesApi();
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(BYTES.slice(0, 3)));
        controller.enqueue(new Uint8Array(BYTES.slice(3)));
        controller.close();
      },
    });
    const bodies = [
      new Uint8Array(BYTES),
      new Uint8Array(BYTES).buffer,
      new DataView(new Uint8Array(BYTES).buffer),
      stream,
    ];
    for (const body of bodies) {
      await client.PUT("/files/{name}", { params: { path: { name: "a.bin" } }, body });
      expect(received(server)).toEqual({ method: "PUT", contentType: "application/octet-stream", bytes: BYTES });
    }
  });

  it("the caller's Content-Type wins", async () => {
    const { client, server } = await filesApi();
    await client.PUT("/files/{name}", {
      params: { path: { name: "a.pdf" } },
      body: new Uint8Array(BYTES),
      headers: { "content-type": "application/pdf" },
    });
    expect(received(server)).toMatchObject({ contentType: "application/pdf", bytes: BYTES });
  });

  it("text to a text/plain or text/csv operation: the text itself, not JSON-quoted", async () => {
    const { client, server } = await filesApi();
    await client.POST("/notes", { body: 'plain "text" é' });
    expect(received(server)).toEqual({
      method: "POST",
      contentType: "text/plain",
      bytes: [...Buffer.from('plain "text" é')],
    });
    await client.POST("/imports", { body: new Blob(["id,name\n1,Ada\n"], { type: "text/csv" }) });
    expect(received(server)).toMatchObject({ contentType: "text/csv", bytes: [...Buffer.from("id,name\n1,Ada\n")] });
  });

  it("a media range: a Blob's own type, else no Content-Type", async () => {
    const { client, server } = await filesApi();
    await client.POST("/images", { body: new Blob([new Uint8Array(BYTES)], { type: "image/png" }) });
    expect(received(server)).toEqual({ method: "POST", contentType: "image/png", bytes: BYTES });
    await client.POST("/images", { body: new Uint8Array(BYTES) });
    expect(received(server)).toEqual({ method: "POST", contentType: undefined, bytes: BYTES });
  });

  it("a retried PUT sends the same bytes again", async () => {
    const { client, server } = await filesApi();
    let calls = 0;
    server.handle((_req, res) =>
      ++calls === 1 ? sendJson(res, 503, {}, { "retry-after-ms": "1" }) : sendJson(res, 200, {}),
    );
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(BYTES));
        controller.close();
      },
    });
    for (const body of [new Blob([new Uint8Array(BYTES)]), stream]) {
      calls = 0;
      server.requests.length = 0;
      const { response } = await client.PUT("/files/{name}", { params: { path: { name: "a.bin" } }, body });
      expect(response.status).toBe(200);
      expect(
        server.requests.map((request) => [request.method, request.headers["content-type"], [...request.body]]),
      ).toEqual([
        ["PUT", "application/octet-stream", BYTES],
        ["PUT", "application/octet-stream", BYTES],
      ]);
    }
  });
});

describe("a multipart/form-data operation", () => {
  it("a plain object becomes a form: files with their name, type and bytes, lists repeated, objects as JSON", async () => {
    const { client, server } = await filesApi();
    await client.POST("/documents", {
      body: {
        file: new File([new Uint8Array(BYTES)], "report.pdf", { type: "application/pdf" }),
        title: "Q4",
        pages: 12,
        draft: false,
        tags: ["a", "b"],
        meta: { owner: "ada" },
        at: new Date("2026-12-04T10:00:00.000Z"),
        note: null,
        skipped: undefined,
      },
    });
    const { contentType } = received(server);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = await receivedForm(server);
    const file = form.get("file") as File;
    expect([file.name, file.type, [...new Uint8Array(await file.arrayBuffer())]]).toEqual([
      "report.pdf",
      "application/pdf",
      BYTES,
    ]);
    expect([...form].filter(([name]) => name !== "file")).toEqual([
      ["title", "Q4"],
      ["pages", "12"],
      ["draft", "false"],
      ["tags", "a"],
      ["tags", "b"],
      ["meta", '{"owner":"ada"}'],
      ["at", "2026-12-04T10:00:00.000Z"],
    ]);
  });

  it("a FormData as it is, with the boundary fetch writes, even when the caller set a Content-Type without one", async () => {
    const { client, server } = await filesApi();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(BYTES)], { type: "image/png" }), "a.png");
    await client.POST("/documents", { body: form, headers: { "Content-Type": "multipart/form-data" } });
    expect(received(server).contentType).toMatch(/^multipart\/form-data; boundary=/);
    const file = (await receivedForm(server)).get("file") as File;
    expect([file.name, file.type, [...new Uint8Array(await file.arrayBuffer())]]).toEqual([
      "a.png",
      "image/png",
      BYTES,
    ]);
  });
});

describe("an operation that declares several media types", () => {
  it("a Blob goes as its own type when the operation declares it, else as the first type the operation names", async () => {
    const { client, server } = await filesApi();
    await client.POST("/photos", { body: new Blob([new Uint8Array(BYTES)], { type: "image/jpeg" }) });
    expect(received(server)).toEqual({ method: "POST", contentType: "image/jpeg", bytes: BYTES });
    await client.POST("/photos", { body: new Blob([new Uint8Array(BYTES)], { type: "image/PNG; x=1" }) });
    expect(received(server).contentType).toBe("image/png; x=1");
    await client.POST("/photos", { body: new Blob([new Uint8Array(BYTES)], { type: "text/plain" }) });
    expect(received(server).contentType).toBe("image/gif");
    await client.POST("/photos", { body: new Uint8Array(BYTES) });
    expect(received(server)).toEqual({ method: "POST", contentType: "image/gif", bytes: BYTES });
  });

  it("bytes go as the type it names, a plain object as the multipart form it also takes", async () => {
    const { client, server } = await filesApi();
    await client.POST("/attachments", { body: new Uint8Array(BYTES) });
    expect(received(server)).toEqual({ method: "POST", contentType: "application/octet-stream", bytes: BYTES });
    await client.POST("/attachments", { body: { title: "Invoice", file: new File(["%PDF"], "a.pdf") } });
    expect(received(server).contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = await receivedForm(server);
    expect([form.get("title"), (form.get("file") as File).name]).toEqual(["Invoice", "a.pdf"]);
  });

  it("JSON or a multipart form: an object goes as JSON, or as the form when it holds a file", async () => {
    const { client, server } = await filesApi();
    await client.POST("/profiles", { body: { name: "Ada", tags: ["a", "b"] } });
    expect(received(server)).toEqual({
      method: "POST",
      contentType: "application/json",
      bytes: [...Buffer.from('{"name":"Ada","tags":["a","b"]}')],
    });
    const avatar = new File([new Uint8Array(BYTES)], "ada.png", { type: "image/png" });
    await client.POST("/profiles", { body: { name: "Ada", avatar, meta: { team: "core" } } });
    expect(received(server).contentType).toMatch(/^multipart\/form-data; boundary=/);
    const form = await receivedForm(server);
    const file = form.get("avatar") as File;
    expect([
      form.get("name"),
      form.get("meta"),
      file.name,
      file.type,
      [...new Uint8Array(await file.arrayBuffer())],
    ]).toEqual(["Ada", '{"team":"core"}', "ada.png", "image/png", BYTES]);
    await client.POST("/profiles", { body: { name: "Ada", scans: [new Uint8Array(BYTES)] } });
    expect(received(server).contentType).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("JSON or a multipart form: an object goes as the form when the caller names it, with the boundary its parts are split by", async () => {
    const { client, server } = await filesApi();
    for (const named of [
      "multipart/form-data",
      "Multipart/Form-Data; charset=utf-8",
      "multipart/form-data; boundary=x",
    ]) {
      for (const headers of [
        { "Content-Type": named },
        { "content-type": named },
        new Headers({ "Content-Type": named }),
      ]) {
        await client.POST("/profiles", { body: { name: "Ada", tags: ["a", "b"] }, headers });
        expect(received(server).contentType).toMatch(/^multipart\/form-data; boundary=----keyway-/);
        const form = await receivedForm(server);
        expect([form.get("name"), form.getAll("tags")]).toEqual(["Ada", ["a", "b"]]);
      }
    }
  });

  it("the caller's other headers go along, given as an object, a Headers or a list of pairs", async () => {
    const { client, server } = await filesApi();
    for (const headers of [{ "X-Trace-Id": "t-1" }, new Headers({ "X-Trace-Id": "t-1" }), [["X-Trace-Id", "t-1"]]]) {
      await client.POST("/profiles", {
        body: { name: "Ada", avatar: new File(["x"], "a.png") },
        headers: headers as never,
      });
      expect(received(server).contentType).toMatch(/^multipart\/form-data; boundary=/);
      expect(server.requests.at(-1)!.headers["x-trace-id"]).toBe("t-1");
      await client.PUT("/files/{name}", {
        params: { path: { name: "a" } },
        body: new Uint8Array(BYTES),
        headers: headers as never,
      });
      expect(received(server)).toEqual({ method: "PUT", contentType: "application/octet-stream", bytes: BYTES });
      expect(server.requests.at(-1)!.headers["x-trace-id"]).toBe("t-1");
    }
  });

  it("JSON or bytes: an object goes as JSON, a Blob as the bytes type it names", async () => {
    const { client, server } = await filesApi();
    const params = { path: { name: "a" } };
    await client.PUT("/blobs/{name}", { params, body: { size: 6 } });
    expect(received(server)).toEqual({
      method: "PUT",
      contentType: "application/json",
      bytes: [...Buffer.from('{"size":6}')],
    });
    await client.PUT("/blobs/{name}", { params, body: new Blob([new Uint8Array(BYTES)]) });
    expect(received(server)).toEqual({ method: "PUT", contentType: "application/octet-stream", bytes: BYTES });
    const error = await client
      .PUT("/blobs/{name}", { params, body: { size: 10n } as never })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "InvalidRequestBodyError", at: "body.size", mediaType: "application/json" });
  });

  it("JSON only in media types of its own (a merge patch, a JSON patch): JSON in the first, or the caller's", async () => {
    const { client, server } = await filesApi();
    const params = { path: { id: "r1" } };
    await client.PATCH("/records/{id}", { params, body: { title: "New", tags: null } });
    expect(received(server)).toEqual({
      method: "PATCH",
      contentType: "application/merge-patch+json",
      bytes: [...Buffer.from('{"title":"New","tags":null}')],
    });
    const operations = [{ op: "replace", path: "/title", value: "New" }];
    await client.PATCH("/records/{id}", {
      params,
      body: operations as never,
      headers: { "Content-Type": "application/json-patch+json" },
    });
    expect(received(server)).toEqual({
      method: "PATCH",
      contentType: "application/json-patch+json",
      bytes: [...Buffer.from(JSON.stringify(operations))],
    });
  });

  it("a FormData goes with the boundary fetch writes, whatever media type the operation names first", async () => {
    const { client, server } = await filesApi();
    const form = new FormData();
    form.append("note", "hello");
    await client.PUT("/files/{name}", { params: { path: { name: "a.bin" } }, body: form as never });
    expect(received(server).contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect((await receivedForm(server)).get("note")).toBe("hello");
  });
});

describe("a body its media type cannot carry fails before anything is sent", () => {
  it("text, bytes or a Blob to an operation that takes only a multipart form, unless the caller wrote the form", async () => {
    const { client, server } = await filesApi();
    for (const body of ["title=Invoice", new Uint8Array(BYTES), new Blob(["%PDF"], { type: "application/pdf" })]) {
      const error = await client.POST("/documents", { body: body as never }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidRequestBodyError);
      expect(error).toMatchObject({
        mediaType: "multipart/form-data",
        reason: expect.stringMatching(
          /^is (text|binary \(a Blob, bytes or a stream\)), not a FormData or an object of the form's fields$/,
        ),
      });
    }
    expect(server.requests).toHaveLength(0);
    const boundary = "keyway-boundary";
    const written = `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nInvoice\r\n--${boundary}--\r\n`;
    await client.POST("/documents", {
      body: written as never,
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    });
    expect((await receivedForm(server)).get("title")).toBe("Invoice");
  });

  it("a plain object to an octet-stream operation names the media type and what was given", async () => {
    const { client, server } = await filesApi();
    const error = await client
      .PUT("/files/{name}", { params: { path: { name: "a.bin" } }, body: { data: [1, 2] } as never })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestBodyError);
    expect(error).toMatchObject({
      mediaType: "application/octet-stream",
      message:
        "The request body cannot be sent as application/octet-stream: body is an object, not a Blob, bytes, a stream or text",
    });
    const notes = await client.POST("/notes", { body: 42 as never }).catch((caught: unknown) => caught);
    expect(notes).toMatchObject({
      name: "InvalidRequestBodyError",
      mediaType: "text/plain",
      reason: expect.stringMatching(/^is a number/),
    });
    expect(server.requests).toHaveLength(0);
  });

  it("binary to a JSON operation fails instead of being sent as {}", async () => {
    const { client, server } = await filesApi();
    for (const body of [
      new Blob([new Uint8Array(BYTES)]),
      new Uint8Array(BYTES),
      new ArrayBuffer(2),
      new ReadableStream(),
    ]) {
      const error = await client.POST("/events", { body }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidRequestBodyError);
      expect(error).toMatchObject({
        mediaType: "application/json",
        message:
          "The request body cannot be sent as JSON: body is binary (a Blob, bytes or a stream), and this operation takes JSON",
      });
    }
    expect(server.requests).toHaveLength(0);
  });

  it("an API with such operations needs mediaBodies", () => {
    expect(() => createApiClient<Paths>({ meta, baseUrl: "https://api.example.com", auth: apiKeyAuth() })).toThrow(
      new ConfigurationError(
        'This API takes bodies that are not JSON: pass mediaBodies (from "@keyway/runtime") to createApiClient, as pnpm new-client does',
      ),
    );
  });
});

describe("property: any bytes round-trip", () => {
  it("as a Blob, a Uint8Array or an ArrayBuffer, unchanged", async () => {
    const { client, server } = await filesApi();
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom("blob", "bytes", "buffer"),
        async (bytes, kind) => {
          const body = kind === "blob" ? new Blob([bytes]) : kind === "bytes" ? bytes : bytes.slice().buffer;
          await client.PUT("/files/{name}", { params: { path: { name: "x" } }, body });
          expect(received(server).bytes).toEqual([...bytes]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/**
 * The upload API, answering 200, or a 307 back to the same URL first when `redirectFirst` (fetch sends the body again).
 * Its client times out after `timeout` ms: short for a stalled upload, long enough for a busy machine otherwise.
 */
async function streamingUploads({ redirectFirst = false, timeout = 10_000 } = {}) {
  const server = await startTestServer((req, res) => {
    if (redirectFirst && server.requests.length === 1) return void res.writeHead(307, { location: req.url }).end();
    sendJson(res, 200, { ok: true });
  });
  servers.push(server);
  const options = { meta, baseUrl: server.url, auth: apiKeyAuth(), mediaBodies, timeout };
  const { client } = createApiClient<Paths>(options);
  const upload = (body: ReadableStream, signal?: AbortSignal) =>
    client.PUT("/files/{name}", { params: { path: { name: "export.bin" } }, body, signal });
  return { upload, server };
}

/** A stream that hands over `first` and then nothing more, recording why it was canceled. */
function stallingStream(first: Uint8Array) {
  const canceled: unknown[] = [];
  const stream = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(first),
    cancel: (reason) => void canceled.push(reason),
  });
  return { stream, canceled };
}

describe("a request body given as a stream", () => {
  it("that stalls: a RequestTimeoutError after the timeout, nothing sent, and the stream canceled", async () => {
    const { upload, server } = await streamingUploads({ timeout: 300 });
    const { stream, canceled } = stallingStream(new Uint8Array([1, 2, 3]));
    const error = await pendingAtMost(upload(stream), 5_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect((error as Error).message).toBe(
      `PUT ${server.url}/files/export.bin timed out after 300 ms waiting for its request body; nothing was sent`,
    );
    expect(server.requests).toHaveLength(0);
    expect(canceled).toEqual([error]);
  });

  it("that stalls until the caller aborts: a RequestAbortedError at once, and the stream canceled", async () => {
    const { upload, server } = await streamingUploads();
    const { stream, canceled } = stallingStream(new Uint8Array([1]));
    const controller = new AbortController();
    const call = upload(stream, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toBeInstanceOf(RequestAbortedError);
    expect(server.requests).toHaveLength(0);
    expect(canceled).toHaveLength(1);
  });

  it("of text: sent as UTF-8; of anything else: an InvalidRequestBodyError, nothing sent, the stream canceled", async () => {
    const { upload, server } = await streamingUploads();
    const text = new ReadableStream({
      start(controller) {
        controller.enqueue("id,total\n");
        controller.enqueue("é,1\n");
        controller.close();
      },
    });
    await upload(text);
    expect([...server.requests[0]!.body]).toEqual([...Buffer.from("id,total\né,1\n")]);

    const canceled: unknown[] = [];
    const records = new ReadableStream({
      start: (controller) => controller.enqueue({ id: 1 }),
      cancel: (reason) => void canceled.push(reason),
    });
    const error = await upload(records).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestBodyError);
    expect((error as Error).message).toBe(
      "The request body cannot be sent as application/octet-stream: body is a stream that yielded something other " +
        "than bytes or text",
    );
    expect(server.requests).toHaveLength(1);
    expect(canceled).toEqual([error]);
  });

  it("that fails: the stream's own error, nothing sent", async () => {
    const { upload, server } = await streamingUploads();
    const unreadable = new Error("the export's source went away");
    const stream = new ReadableStream({ pull: (controller) => controller.error(unreadable) });
    await expect(upload(stream)).rejects.toBe(unreadable);
    expect(server.requests).toHaveLength(0);
  });

  it("in any chunks: the server receives its exact bytes, and again after a 307", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), async (chunks) => {
        const { upload, server } = await streamingUploads({ redirectFirst: true });
        const stream = new ReadableStream({
          pull(controller) {
            const next = chunks.shift();
            if (next === undefined) controller.close();
            else controller.enqueue(next.slice());
          },
        });
        const expected = chunks.flatMap((chunk) => [...chunk]);
        const { response } = await upload(stream);
        expect(response.status).toBe(200);
        expect(server.requests.map((request) => [...request.body])).toEqual([expected, expected]);
      }),
      { numRuns: 50 },
    );
  });
});

/** `call`, or a failure saying it was still pending after `ms` (well inside the test's own timeout). */
function pendingAtMost<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the call was still pending after ${ms} ms`)), ms);
  });
  return Promise.race([call, pending]).finally(() => clearTimeout(timer));
}

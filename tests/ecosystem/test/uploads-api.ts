// The uploads API the smoke program's uploads (consumer/uploads.ts) talk to, on the ecosystem's smoke server and on
// the browser test's page server, and what both tests expect of a run: what the caller saw, and what the server
// received, byte for byte.
import type { ServerResponse } from "node:http";
import { type RecordedRequest, sendJson } from "@keyway/test-server";
import { expect } from "vitest";
import { UPLOAD_API_KEY, UPLOAD_BYTES, UPLOAD_CSV, type UploadsReport } from "./consumer/uploads.js";

const UPLOADS = "/uploads/";

/**
 * A handler of the uploads API: each upload answered with the size it received, the listing with `[]` (and no
 * `x-audit-id`), the first attempt of each stream upload with a 503 asking for no wait. False for a request to
 * another path.
 */
export function uploadsApi(): (request: RecordedRequest, response: ServerResponse) => boolean {
  const answered = new Set<string>();
  return (request, response) => {
    const path = request.url.split("?")[0]!;
    if (!path.startsWith(UPLOADS)) return false;
    if (request.method === "GET") sendJson(response, 200, []);
    else if (path.startsWith(`${UPLOADS}files/stream-`) && !answered.has(path)) {
      answered.add(path);
      // Retried at once: each runtime's run waits for no backoff.
      sendJson(response, 503, { detail: "Service unavailable." }, { "retry-after-ms": "0" });
    } else sendJson(response, 200, { size: request.body.length });
    return true;
  };
}

/** An upload as the server received it: its request line, key, Content-Type and exact bytes. */
const uploaded = (request: RecordedRequest) => ({
  request: `${request.method} ${request.url}`,
  key: request.headers["x-upload-key"],
  contentType: request.headers["content-type"],
  bytes: [...request.body],
});

/**
 * A multipart body as the server received it: whether its Content-Type names a boundary and that boundary delimits the
 * body (Deno, workerd and edge-runtime end it without the optional CRLF after the last delimiter), and its parts as a
 * server's parser reads them (a file as its name, type and bytes).
 */
async function multipartOf(request: RecordedRequest) {
  const contentType = request.headers["content-type"] ?? "";
  const boundary = /^multipart\/form-data; ?boundary=(.+)$/.exec(contentType)?.[1] ?? "";
  const body = request.body.toString("latin1");
  const form = await new Response(new Uint8Array(request.body), {
    headers: { "content-type": contentType },
  }).formData();
  const parts = await Promise.all(
    [...form].map(async ([name, value]) =>
      typeof value === "string"
        ? [name, value]
        : [name, { file: value.name, type: value.type, bytes: [...new Uint8Array(await value.arrayBuffer())] }],
    ),
  );
  return {
    boundary: boundary !== "",
    delimited: body.startsWith(`--${boundary}\r\n`) && /\r\n--(.+)--(\r\n)?$/.exec(body)?.[1] === boundary,
    parts,
  };
}

/**
 * Checks one run of the uploads, `run` naming its files: the caller saw each size the server stored, the refusals of
 * a generator's bad chunk and of bytes for the JSON operation, and the middleware's own error; the server got each
 * upload byte for byte, in its operation's media type, each stream's retry the same bytes again, and never the refused
 * bodies.
 */
export async function expectUploads(report: UploadsReport, requests: readonly RecordedRequest[], run: string) {
  const received = requests.filter((request) => request.url.startsWith(UPLOADS));
  const upload = (request: string, contentType: unknown, bytes: unknown = UPLOAD_BYTES) => ({
    request,
    key: UPLOAD_API_KEY,
    contentType,
    bytes,
  });
  const generatedBytes = [...UPLOAD_BYTES, ...Buffer.from(UPLOAD_CSV)];
  expect(received.map(uploaded)).toEqual([
    upload("POST /uploads/images", "image/png"),
    upload(`PUT /uploads/files/bytes-${run}.bin`, "application/octet-stream"),
    upload(`PUT /uploads/files/stream-${run}.bin`, "application/octet-stream"),
    upload(`PUT /uploads/files/stream-${run}.bin`, "application/octet-stream"),
    upload(`PUT /uploads/files/stream-generated-${run}.bin`, "application/octet-stream", generatedBytes),
    upload(`PUT /uploads/files/stream-generated-${run}.bin`, "application/octet-stream", generatedBytes),
    upload("POST /uploads/documents", expect.stringMatching(/^multipart\/form-data; ?boundary=/), expect.any(Array)),
    upload("POST /uploads/imports", "text/csv", [...Buffer.from(UPLOAD_CSV)]),
    { request: "GET /uploads/files", key: UPLOAD_API_KEY, contentType: undefined, bytes: [] },
  ]);
  const documents = received[6]!;
  expect(await multipartOf(documents)).toEqual({
    boundary: true,
    delimited: true,
    parts: [
      ["title", "Q3 report é"],
      ["tags", "finance"],
      ["tags", "q3"],
      ["file", { file: "report.bin", type: "application/octet-stream", bytes: UPLOAD_BYTES }],
      ["thumbnail", { file: "blob", type: "application/octet-stream", bytes: UPLOAD_BYTES }],
    ],
  });
  expect(report).toEqual({
    blob: UPLOAD_BYTES.length,
    bytes: UPLOAD_BYTES.length,
    retriedStream: UPLOAD_BYTES.length,
    generated: generatedBytes.length,
    badChunk: {
      error: "InvalidRequestBodyError",
      message:
        "The request body cannot be sent as application/octet-stream: body is a stream that yielded an object, not bytes or text",
    },
    multipart: documents.body.length,
    csv: Buffer.byteLength(UPLOAD_CSV),
    jsonGuard: {
      error: "InvalidRequestBodyError",
      message:
        "The request body cannot be sent as JSON: body is binary (a Blob, bytes or a stream), and this operation takes JSON",
    },
    middleware: { error: "AuditError", message: "the response carries no x-audit-id" },
  });
}

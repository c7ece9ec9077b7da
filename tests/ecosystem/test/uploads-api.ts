// The uploads API the smoke program's uploads (consumer/uploads.ts) talk to, on the ecosystem's smoke server and on
// the browser test's page server, and what both tests expect of a run: what the caller saw, and what the server
// received, byte for byte.
import type { ServerResponse } from "node:http";
import { type RecordedRequest, sendJson, sendText } from "@keyway/test-server";
import { expect } from "vitest";
import { UPLOAD_API_KEY, UPLOAD_BYTES, UPLOAD_CSV, type UploadsReport } from "./consumer/uploads.js";

const UPLOADS = "/uploads/";

/**
 * A handler of the uploads API: each upload answered with the size it received, the listing and the quota with `[]` (and
 * no `x-audit-id`), the export in CSV, the first attempt of each stream upload with a 503 asking for no wait. False for
 * a request to another path.
 */
export function uploadsApi(): (request: RecordedRequest, response: ServerResponse) => boolean {
  const answered = new Set<string>();
  return (request, response) => {
    const path = request.url.split("?")[0]!;
    if (!path.startsWith(UPLOADS)) return false;
    if (path === `${UPLOADS}export`) sendText(response, 200, UPLOAD_CSV, { "content-type": "text/csv; charset=utf-8" });
    else if (request.method === "GET") sendJson(response, 200, []);
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

/** The requests a run of the uploads sends from a server runtime; a browser sends all but the one with cookies. */
export const SERVER_UPLOAD_REQUESTS = 17;

/**
 * Checks one run of the uploads, `run` naming its files: the caller saw each size the server stored, the refusals of
 * a generator's bad chunk, of bytes for the JSON operation and of text for the multipart one, the cookies sent (or, in
 * a browser, refused), the CSV response's parse error and the middleware's own error; the server got each upload byte
 * for byte, in its operation's media type, with its length, each stream's retry the same bytes again, and never the
 * refused bodies.
 */
export async function expectUploads(
  report: UploadsReport,
  requests: readonly RecordedRequest[],
  run: string,
  {
    browser = false,
    unnamedBlobFile = "blob",
  }: {
    /** Whether the run was a browser's, which refuses cookie parameters before sending them. */
    readonly browser?: boolean;
    /** The filename of a Blob appended to the caller's FormData without one: `blob`, as the standard names it. */
    readonly unnamedBlobFile?: string;
  } = {},
) {
  const received = requests.filter((request) => request.url.startsWith(UPLOADS));
  const upload = (request: string, contentType: unknown, bytes: unknown = UPLOAD_BYTES) => ({
    request,
    key: UPLOAD_API_KEY,
    contentType,
    bytes,
  });
  const get = (request: string) => ({ request, key: UPLOAD_API_KEY, contentType: undefined, bytes: [] });
  const multipart = expect.stringMatching(/^multipart\/form-data; ?boundary=/);
  const generatedBytes = [...UPLOAD_BYTES, ...Buffer.from(UPLOAD_CSV)];
  const form = "name=Ada+%C3%A9&tags=a&tags=b";
  expect(received.map(uploaded)).toEqual([
    upload("POST /uploads/images", "image/png"),
    upload(`PUT /uploads/files/bytes-${run}.bin`, "application/octet-stream"),
    upload(`PUT /uploads/files/stream-${run}.bin`, "application/octet-stream"),
    upload(`PUT /uploads/files/stream-${run}.bin`, "application/octet-stream"),
    upload(`PUT /uploads/files/stream-generated-${run}.bin`, "application/octet-stream", generatedBytes),
    upload(`PUT /uploads/files/stream-generated-${run}.bin`, "application/octet-stream", generatedBytes),
    upload("POST /uploads/documents", multipart, expect.any(Array)),
    upload("POST /uploads/imports", "text/csv", [...Buffer.from(UPLOAD_CSV)]),
    upload(`PUT /uploads/files/file-${run}.png`, "application/octet-stream"),
    upload(`PUT /uploads/files/empty-${run}.bin`, "application/octet-stream", []),
    upload("POST /uploads/documents", multipart, expect.any(Array)),
    upload("POST /uploads/profiles", multipart, expect.any(Array)),
    upload("POST /uploads/profiles", "application/json", [...Buffer.from('{"name":"Ada","age":36}')]),
    upload("POST /uploads/forms", "application/x-www-form-urlencoded", [...Buffer.from(form)]),
    ...(browser ? [] : [get("GET /uploads/quota")]),
    get("GET /uploads/export"),
    get("GET /uploads/files"),
  ]);
  // Every body went with its length, none chunked (Deno's fetch sends an empty Blob chunked, with no length).
  const bodies = received.filter((request) => request.method !== "GET");
  expect(
    bodies.map((request) => [request.url, request.headers["content-length"], request.headers["transfer-encoding"]]),
  ).toEqual(bodies.map((request) => [request.url, String(request.body.length), undefined]));
  const file = (name: string, type: string) => ({ file: name, type, bytes: UPLOAD_BYTES });
  /** A multipart body whose Content-Type names the boundary that delimits it, with these parts. */
  const delimitedForm = (parts: unknown[]) => ({ boundary: true, delimited: true, parts });
  const [documents, scans, profile] = [received[6]!, received[10]!, received[11]!];
  expect(await multipartOf(documents)).toEqual(
    delimitedForm([
      ["title", "Q3 report é"],
      ["tags", "finance"],
      ["tags", "q3"],
      ["file", file("report.bin", "application/octet-stream")],
      ["thumbnail", file("blob", "application/octet-stream")],
    ]),
  );
  // The caller's own FormData: a Blob appended without a filename is named blob (Bun's FormData sent "").
  expect(await multipartOf(scans)).toEqual(
    delimitedForm([
      ["title", "Scans é"],
      ["scan", file(unnamedBlobFile, "image/png")],
      ["report", file("report.bin", "application/octet-stream")],
    ]),
  );
  expect(await multipartOf(profile)).toEqual(
    delimitedForm([
      ["name", "Ada"],
      ["avatar", file("blob", "image/png")],
      ["thumbnail", file("blob", "application/octet-stream")],
    ]),
  );
  // Cookie parameters go after the caller's own cookie, percent-encoded; a browser's fetch would drop them.
  if (!browser) expect(received[14]!.headers.cookie).toBe("theme=dark; session=s%201%3Bx; regions=eu,us");
  // A header parameter that is an object, in its simple style exploded.
  expect(received[7]!.headers["x-import"]).toBe("mode=append,dryRun=false");
  const refused = (mediaType: string, reason: string) => ({
    error: "InvalidRequestBodyError",
    message: `The request body cannot be sent as ${mediaType}: body is ${reason}`,
  });
  expect(report).toEqual({
    blob: UPLOAD_BYTES.length,
    bytes: UPLOAD_BYTES.length,
    retriedStream: UPLOAD_BYTES.length,
    generated: generatedBytes.length,
    badChunk: refused("application/octet-stream", "a stream that yielded an object, not bytes or text"),
    multipart: documents.body.length,
    csv: Buffer.byteLength(UPLOAD_CSV),
    jsonGuard: refused("JSON", "binary (a Blob, bytes or a stream), and this operation takes JSON"),
    file: UPLOAD_BYTES.length,
    emptyFile: 0,
    formData: scans.body.length,
    profileForm: profile.body.length,
    profileJson: received[12]!.body.length,
    multipartGuard: refused("multipart/form-data", "text, not a FormData or an object of the form's fields"),
    form: form.length,
    cookies: browser
      ? {
          error: "ConfigurationError",
          message:
            "This call has cookie parameters, which a browser's fetch does not send (it drops a Cookie header); make it from a server",
        }
      : { error: "none", message: "" },
    csvResponse: {
      error: "ResponseParseError",
      message: 'GET /uploads/export answered text/csv, not JSON: read it with parseAs "text", "blob" or "stream"',
    },
    middleware: { error: "AuditError", message: "the response carries no x-audit-id" },
  });
}

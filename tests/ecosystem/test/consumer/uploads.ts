// The smoke program's uploads, as a user of a generated client whose API takes bodies that are not JSON: a client
// made with createApiClient from @keyway/runtime and @keyway/header-auth (installed from their packed tarballs), with
// mediaBodies, formBodies, cookieParameters and headerParameters, on a hand-written description of a small uploads API that the test's server answers.
import { createHeaderAuth } from "@keyway/header-auth";
import {
  type ClientMeta,
  cookieParameters,
  createApiClient,
  formBodies,
  headerParameters,
  KeywayError,
  mediaBodies,
} from "@keyway/runtime";

/** The bytes every upload sends: NUL, bytes above 0x7F and a lone UTF-8 continuation byte, which text would mangle. */
export const UPLOAD_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xc3, 0xfe, 0xff, 0x0d, 0x0a];
export const UPLOAD_CSV = "id,name\r\n1,Ada Lovelace\r\n2,Grace Hopper é\r\n";
export const UPLOAD_API_KEY = "uk_smoke_9r4t";

const meta = {
  // Safe in a browser, as an upload key scoped to one user is: the browser test runs these uploads in a page too.
  securitySchemes: { ApiKey: { header: "X-Upload-Key", secret: true, browserSafe: true } },
  operations: {
    "GET /uploads/files": { id: "listFiles", security: [["ApiKey"]] },
    "PUT /uploads/files/{name}": { id: "uploadFile", security: [["ApiKey"]], bodyMedia: "application/octet-stream" },
    "POST /uploads/images": { id: "uploadImage", security: [["ApiKey"]], bodyMedia: "image/*" },
    "POST /uploads/documents": { id: "uploadDocument", security: [["ApiKey"]], bodyMedia: "multipart/form-data" },
    "POST /uploads/imports": {
      id: "importCsv",
      security: [["ApiKey"]],
      bodyMedia: "text/csv",
      header: { "X-Import": { style: "simple", explode: true } },
    },
    "POST /uploads/events": { id: "createEvent", security: [["ApiKey"]] },
    "POST /uploads/profiles": {
      id: "createProfile",
      security: [["ApiKey"]],
      bodyMedia: "application/json, multipart/form-data",
    },
    "POST /uploads/forms": { id: "sendForm", security: [["ApiKey"]], formBody: {} },
    "GET /uploads/quota": {
      id: "getQuota",
      security: [["ApiKey"]],
      cookie: { session: { style: "form", explode: true }, regions: { style: "form", explode: false } },
    },
    "GET /uploads/export": { id: "exportFiles", security: [["ApiKey"]] },
  },
} as const satisfies ClientMeta<"ApiKey">;

/** What the server answers to each upload: the bytes it stored. */
type Stored = { content: { "application/json": { size: number } } };
type Op<Body> = { requestBody: { content: Body }; responses: { 200: Stored } };
type Bytes = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array>;
interface UploadPaths {
  "/uploads/files": { get: { responses: { 200: { content: { "application/json": string[] } } } } };
  "/uploads/files/{name}": {
    put: Op<{ "application/octet-stream": Bytes }> & { parameters: { path: { name: string } } };
  };
  "/uploads/images": { post: Op<{ "image/*": Bytes }> };
  "/uploads/documents": {
    post: Op<{ "multipart/form-data": { title: string; tags?: string[]; file: Blob; thumbnail?: Uint8Array } }>;
  };
  "/uploads/imports": {
    post: Op<{ "text/csv": string }> & { parameters: { header?: { "X-Import"?: { mode: string; dryRun: boolean } } } };
  };
  "/uploads/events": { post: Op<{ "application/json": { type: string } }> };
  "/uploads/profiles": {
    post: Op<{
      "application/json": { name: string; age?: number };
      "multipart/form-data": { name: string; avatar?: Blob; thumbnail?: Uint8Array };
    }>;
  };
  "/uploads/forms": { post: Op<{ "application/x-www-form-urlencoded": { name: string; tags: string[] } }> };
  "/uploads/quota": {
    get: {
      parameters: { cookie?: { session?: string; regions?: string[] } };
      responses: { 200: { content: { "application/json": string[] } } };
    };
  };
  "/uploads/export": { get: { responses: { 200: { content: { "application/json": string[] } } } } };
}

/** What the caller saw of each upload: the size the server says it stored, or the error's name. */
export interface UploadsReport {
  readonly blob: number | undefined;
  readonly bytes: number | undefined;
  /** A stream body, answered 503 once and retried: the size stored by the retry. */
  readonly retriedStream: number | undefined;
  /** An async generator of bytes and text, answered 503 once and retried: the size stored by the retry. */
  readonly generated: number | undefined;
  /** An async generator that yields an object: the error's name and message. */
  readonly badChunk: { readonly error: string; readonly message: string };
  readonly multipart: number | undefined;
  readonly csv: number | undefined;
  /** Bytes to the JSON operation: the error's name and message, before anything was sent. */
  readonly jsonGuard: { readonly error: string; readonly message: string };
  /** A File of its own type to the octet-stream operation: the size stored (sent as application/octet-stream). */
  readonly file: number | undefined;
  /** An empty File: the size stored, which must be 0 (its request said Content-Length: 0). */
  readonly emptyFile: number | undefined;
  /** The caller's own FormData, with a Blob appended without a filename: the size stored. */
  readonly formData: number | undefined;
  /** An object holding a Blob and bytes, to an operation that takes JSON or a multipart form: the size stored. */
  readonly profileForm: number | undefined;
  /** An object without a file, to the same operation: the size stored (sent as JSON). */
  readonly profileJson: number | undefined;
  /** Text to the operation that takes only a multipart form: the error's name and message, before anything was sent. */
  readonly multipartGuard: { readonly error: string; readonly message: string };
  /** A form body: the size stored. */
  readonly form: number | undefined;
  /** Cookie parameters after the caller's own cookie: `none` where they were sent, a browser's ConfigurationError. */
  readonly cookies: { readonly error: string; readonly message: string };
  /** A text/csv response read without parseAs: the error's name and message. */
  readonly csvResponse: { readonly error: string; readonly message: string };
  /** A middleware's onResponse that throws the user's own error: the class and message the caller caught. */
  readonly middleware: { readonly error: string; readonly message: string };
}

/** An error class of the user's own, thrown by the user's middleware. */
class AuditError extends Error {
  override name = "AuditError";
}

/** The bytes as a stream of two chunks, as a file read or a request piped through would arrive. */
function streamOf(bytes: readonly number[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes.slice(0, 4)));
      controller.enqueue(new Uint8Array(bytes.slice(4)));
      controller.close();
    },
  });
}

/** The bytes as an async generator of a byte chunk and a text chunk, as a Node stream or a user's own would yield. */
async function* chunksOf(bytes: readonly number[], text: string): AsyncGenerator<Uint8Array | string> {
  yield new Uint8Array(bytes);
  yield text;
}

/** The name and message of the error a call failed with. */
function errorOf(call: Promise<unknown>): Promise<{ error: string; message: string }> {
  return call.then(
    () => ({ error: "none", message: "" }),
    (error: unknown) =>
      error instanceof KeywayError || error instanceof AuditError
        ? { error: error.name, message: error.message }
        : { error: "unexpected", message: String(error) },
  );
}

/**
 * Uploads each kind of body to `baseUrl` and reports what the caller saw; `run` names this run's files.
 *
 * @example
 * ```ts
 * console.log(JSON.stringify(await uploads("http://127.0.0.1:8080", "rec_smoke_1")));
 * ```
 */
export async function uploads(baseUrl: string, run: string): Promise<UploadsReport> {
  const auth = createHeaderAuth({ meta, credentials: { ApiKey: UPLOAD_API_KEY } });
  const options = { meta, baseUrl, auth, mediaBodies, formBodies, cookieParameters, headerParameters };
  const { client } = createApiClient<UploadPaths>({ ...options, maxRetries: 1 });
  const sizeOf = async (call: Promise<{ data?: { size: number } | undefined }>) => (await call).data?.size;
  const bytes = new Uint8Array(UPLOAD_BYTES);

  const blob = await sizeOf(client.POST("/uploads/images", { body: new Blob([bytes], { type: "image/png" }) }));
  const put = (name: string, body: Bytes) => client.PUT("/uploads/files/{name}", { params: { path: { name } }, body });
  const sentBytes = await sizeOf(put(`bytes-${run}.bin`, bytes));
  // The server answers this file's first attempt 503: the transport retries it with the same bytes.
  const retriedStream = await sizeOf(put(`stream-${run}.bin`, streamOf(UPLOAD_BYTES)));
  const generated = await sizeOf(put(`stream-generated-${run}.bin`, chunksOf(UPLOAD_BYTES, UPLOAD_CSV) as never));
  const badChunk = await errorOf(put(`bad-chunk-${run}.bin`, chunksOf([], { id: 1 } as never) as never));
  const file = new File([bytes], "report.bin", { type: "application/octet-stream" });
  const multipart = await sizeOf(
    client.POST("/uploads/documents", {
      body: { title: "Q3 report é", tags: ["finance", "q3"], file, thumbnail: bytes },
    }),
  );
  const csv = await sizeOf(
    client.POST("/uploads/imports", {
      body: UPLOAD_CSV,
      params: { header: { "X-Import": { mode: "append", dryRun: false } } },
    }),
  );
  const jsonGuard = await errorOf(client.POST("/uploads/events", { body: bytes as never }));
  const picture = new File([bytes], "picture.png", { type: "image/png" });
  const sentFile = await sizeOf(put(`file-${run}.png`, picture));
  const emptyFile = await sizeOf(put(`empty-${run}.bin`, new File([], "empty.bin")));
  const form = new FormData();
  form.append("title", "Scans é");
  form.append("scan", new Blob([bytes], { type: "image/png" }));
  form.append("report", file);
  const formData = await sizeOf(client.POST("/uploads/documents", { body: form as never }));
  const avatar = new Blob([bytes], { type: "image/png" });
  const profiles = (body: { name: string; age?: number; avatar?: Blob; thumbnail?: Uint8Array }) =>
    client.POST("/uploads/profiles", { body });
  const profileForm = await sizeOf(profiles({ name: "Ada", avatar, thumbnail: bytes }));
  const profileJson = await sizeOf(profiles({ name: "Ada", age: 36 }));
  const multipartGuard = await errorOf(client.POST("/uploads/documents", { body: UPLOAD_CSV as never }));
  const sentForm = await sizeOf(client.POST("/uploads/forms", { body: { name: "Ada é", tags: ["a", "b"] } }));
  const cookies = await errorOf(
    client.GET("/uploads/quota", {
      params: { cookie: { session: "s 1;x", regions: ["eu", "us"] } },
      headers: { Cookie: "theme=dark" },
    }),
  );
  const csvResponse = await errorOf(client.GET("/uploads/export"));

  const audited = createApiClient<UploadPaths>(options).client;
  audited.use({
    onResponse({ response }) {
      if (!response.headers.has("x-audit-id")) throw new AuditError("the response carries no x-audit-id");
    },
  });
  const middleware = await errorOf(audited.GET("/uploads/files"));

  return {
    blob,
    bytes: sentBytes,
    retriedStream,
    generated,
    badChunk,
    multipart,
    csv,
    jsonGuard,
    file: sentFile,
    emptyFile,
    formData,
    profileForm,
    profileJson,
    multipartGuard,
    form: sentForm,
    cookies,
    csvResponse,
    middleware,
  };
}
